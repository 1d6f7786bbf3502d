import { closeDatabase, db } from "../../db/connection";
import { loadReferenceData, referenceDataIsLoaded } from "../../db/reference/load";
import { formatDemoLogins, isDemoSeeded, resetApplicationData, seedDemo } from "../../db/seed/demo";

export default async function seed(argv: string[]): Promise<number> {
  try {
    if (!(await referenceDataIsLoaded(db))) await loadReferenceData(db);
    if (argv.includes("--reset")) {
      console.error("Suppression des données de l'application (les données de référence sont conservées)…");
      await resetApplicationData(db);
    } else if (await isDemoSeeded(db)) {
      console.log("La démonstration est déjà en place (utilisez --reset pour la recréer).");
      console.log(formatDemoLogins());
      return 0;
    }
    await seedDemo(db);
    console.log("Démonstration créée.");
    console.log(formatDemoLogins());
    return 0;
  } finally {
    await closeDatabase();
  }
}
