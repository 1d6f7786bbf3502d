import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { migrationsFolder, openDatabase, runMigrations } from "../db/client";
import { loadReferenceData, referenceDataVersion } from "../db/reference/load";
import { pgliteTemplatePath, withDatabase } from "../db/testing";

/** A hash of what the template depends on: migrations and reference data version. */
function templateKey(): string {
  const hash = createHash("sha256").update(referenceDataVersion);
  for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).sort()) {
    hash.update(file).update(readFileSync(path.join(migrationsFolder, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * Builds once per run the database every test file clones: migrated, with the reference data.
 * PGlite: a data-directory dump (kept between runs while migrations are unchanged);
 * PostgreSQL: a template database that `CREATE DATABASE … TEMPLATE` copies in milliseconds.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `proxima_test_template_${process.pid}`;
    process.env.PROXIMA_TEST_TEMPLATE = template;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${template}"`);
    await admin.end();
    const handle = await openDatabase({ driver: "postgres", url: withDatabase(url, template), max: 1 });
    await runMigrations(handle);
    await loadReferenceData(handle.db);
    await handle.close();
    console.log(`[tests] PostgreSQL : base modèle ${template} prête.`);
    return async () => {
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await cleanup.end();
    };
  }
  const key = templateKey();
  const keyFile = `${pgliteTemplatePath}.key`;
  if (existsSync(pgliteTemplatePath) && existsSync(keyFile) && readFileSync(keyFile, "utf8") === key) {
    console.log("[tests] PGlite : modèle réutilisé.");
    return;
  }
  const handle = await openDatabase({ driver: "pglite" });
  await runMigrations(handle);
  await loadReferenceData(handle.db);
  const dump = await handle.pglite!.dumpDataDir("gzip");
  mkdirSync(path.dirname(pgliteTemplatePath), { recursive: true });
  writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  writeFileSync(keyFile, key);
  await handle.close();
  console.log("[tests] PGlite : modèle construit.");
}
