// Starts the built app for the e2e suite on a fresh database: a new PGlite directory, or a new
// PostgreSQL database when DATABASE_URL is set. Then it is exactly `npm start`.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import postgres from "postgres";

if (process.env.DATABASE_URL) {
  const name = `proxima_e2e_${process.env.PORT ?? "3100"}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.PROXIMA_DATA_DIR = `.tmp/e2e-data-${process.env.PORT ?? "3100"}`;
  rmSync(process.env.PROXIMA_DATA_DIR, { recursive: true, force: true });
}

const child = spawn(process.execPath, ["scripts/start.mjs"], { stdio: "inherit", env: process.env });
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
