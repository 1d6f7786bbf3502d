import { readFileSync } from "node:fs";
import { closeDatabase } from "../../db/connection";
import { importQpvPolygons } from "../../app/modules/reference/qpv-polygons.server";

export default async function importPolygons(argv: string[]): Promise<number> {
  const file = argv.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error("Usage : npm run cli -- import-qpv-polygons FICHIER.geojson");
    return 2;
  }
  try {
    const report = await importQpvPolygons(JSON.parse(readFileSync(file, "utf8")));
    console.log(`${report.matched} périmètres de QPV enregistrés sur ${report.features} ; ${report.suppliersChecked} adresses de fournisseurs vérifiées.`);
    if (report.unmatched.length) console.log(`Sans correspondance dans la liste 2024 : ${report.unmatched.join(", ")}`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
