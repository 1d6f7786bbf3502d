import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts", "cli/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts", "eval/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-file.ts"],
    env: { TZ: "UTC", NODE_ENV: "test", PROXIMA_DEMO: "false", PROXIMA_WORKER: "false", APP_URL: "http://localhost:3000" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
