import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "./client";

/** Where the vitest global setup leaves the migrated, reference-loaded template. */
export const pgliteTemplatePath = path.resolve(process.cwd(), ".tmp/test-template.tar.gz");
/** Set by the global setup: one template per test run, so parallel runs never share one. */
export function postgresTemplateName(): string {
  return process.env.PROXIMA_TEST_TEMPLATE ?? "proxima_test_template";
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database cloned from the template: a PGlite in memory, or a PostgreSQL database. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const bytes = await readFile(pgliteTemplatePath);
    return openDatabase({ driver: "pglite", loadDataDir: new Blob([bytes], { type: "application/x-gzip" }) });
  }
  const name = `proxima_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${postgresTemplateName()}"`);
  } finally {
    await admin.end();
  }
  const handle = await openDatabase({ driver: "postgres", url: withDatabase(url, name), max: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
