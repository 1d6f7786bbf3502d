import { env } from "../app/env.server";
import { openDatabase, runMigrations, type DatabaseHandle } from "./client";
import { openTestDatabase } from "./testing";

/**
 * The process-wide database. In tests each test file gets its own fresh database (vitest gives
 * every file its own module registry); elsewhere one handle is kept on globalThis so that the
 * server bundle, the CLI and Vite's dev reloads never open the PGlite data directory twice.
 */
async function connect(): Promise<DatabaseHandle> {
  if (process.env.VITEST) return openTestDatabase();
  const config = env();
  const handle = config.DATABASE_URL
    ? await openDatabase({ driver: "postgres", url: config.DATABASE_URL })
    : await openDatabase({ driver: "pglite", dataDir: config.PROXIMA_DATA_DIR });
  await runMigrations(handle);
  return handle;
}

const globalKey = Symbol.for("proxima.database");
const holder = globalThis as unknown as Record<symbol, Promise<DatabaseHandle> | undefined>;

function shared(): Promise<DatabaseHandle> {
  if (process.env.VITEST) return connect();
  holder[globalKey] ??= connect();
  return holder[globalKey];
}

export const handle: DatabaseHandle = await shared();
export const db = handle.db;

if (process.env.VITEST) {
  (globalThis as { __proximaTestClose?: () => Promise<void> }).__proximaTestClose = () => closeDatabase();
}

let closed = false;
export async function closeDatabase(): Promise<void> {
  if (closed) return;
  closed = true;
  await handle.close();
}
