import { env } from "../app/env.server";
import { closeDatabase, db, handle } from "../db/connection";
import { loadReferenceData, referenceDataIsLoaded } from "../db/reference/load";
import { formatDemoLogins, isDemoSeeded, seedDemo } from "../db/seed/demo";

export type BootReport = { driver: string; referenceLoaded: boolean; demoSeeded: boolean; demo: boolean };

/**
 * What every process does before serving: the connection module has already migrated; load the
 * reference data on a fresh database, and seed the demo when asked to.
 */
export async function prepareDatabase(log: (msg: string) => void = console.log): Promise<BootReport> {
  const started = Date.now();
  let referenceLoaded = false;
  if (!(await referenceDataIsLoaded(db))) {
    log("Chargement des données de référence (QPV, communes, NAF)…");
    await loadReferenceData(db);
    referenceLoaded = true;
  }
  let demoSeeded = false;
  const demo = env().PROXIMA_DEMO;
  if (demo && !(await isDemoSeeded(db))) {
    log("Création des données de démonstration…");
    await seedDemo(db);
    demoSeeded = true;
  }
  if (demo) log(formatDemoLogins());
  log(`Base de données prête (${handle.driver === "pglite" ? `PGlite, ${env().PROXIMA_DATA_DIR}` : "PostgreSQL"}) en ${Date.now() - started} ms.`);
  return { driver: handle.driver, referenceLoaded, demoSeeded, demo };
}

export { closeDatabase };
