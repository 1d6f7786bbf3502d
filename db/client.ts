import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { mkdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema>;
/** A database or a transaction: what services accept when they may run inside a caller's transaction. */
export type Executor = Db | Tx;

export type Driver = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Db;
  driver: Driver;
  /** Raw PGlite instance, for tools that need it (pg-boss adapter, dumps). */
  pglite?: PGlite;
  /** Raw postgres.js client. */
  sqlClient?: postgres.Sql;
  /** PostgreSQL connection string, for tools that open their own connections (pg-boss). */
  url?: string;
  close(): Promise<void>;
}

export const pgliteExtensions = { unaccent, pg_trgm, cube, earthdistance };
export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

/** Memory a sort or hash may use before spilling to disk (PostgreSQL's default is 4 MB). */
const SEARCH_WORK_MEM = "16MB";

export type OpenOptions =
  | { driver: "postgres"; url: string; max?: number }
  | { driver: "pglite"; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.driver === "postgres") {
    // JIT compilation costs 100–1,000 ms on the directory's search statements and saves nothing
    // at our sizes (measured by bench:search): off for this client's sessions. A radius search keeps
    // its matches (20,000 rows around Paris) in memory for the facet counts: 4 MB spilled to disk.
    const client = postgres(options.url, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: "off", work_mem: SEARCH_WORK_MEM } });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    return { db, driver: "postgres", sqlClient: client, url: options.url, close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Always the one-object form: the two-argument form silently drops the extensions.
  const pglite = new PGlite({ dataDir: options.dataDir, loadDataDir: options.loadDataDir, extensions: pgliteExtensions });
  await pglite.waitReady;
  await pglite.exec(`SET work_mem = '${SEARCH_WORK_MEM}'`);
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  return { db, driver: "pglite", pglite, close: () => pglite.close() };
}

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "postgres") {
    await migratePostgres(handle.db as never, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/**
 * Runs raw SQL and returns its rows. postgres.js returns an array, PGlite an object with
 * `rows`: this is the one place that knows it.
 */
export async function rows<T = Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
