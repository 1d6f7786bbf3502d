import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    // Vite does not read tsconfig "paths": mirror the "~" alias here.
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  server: { port: 3000 },
  build: {
    target: "es2022",
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's comments and our resource routes (no client code) make harmless noise.
        if (warning.code === "INVALID_ANNOTATION" || warning.code === "EMPTY_BUNDLE") return;
        warn(warning);
      },
    },
  },
  ssr: {
    // Native and WebAssembly packages must stay external to the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "postgres", "highs", "pg-boss", "nodemailer"],
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
