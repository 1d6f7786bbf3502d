import { closeDatabase, db } from "../../db/connection";
import { loadReferenceData } from "../../db/reference/load";

export default async function loadReference(): Promise<number> {
  try {
    const counts = await loadReferenceData(db);
    console.log(`${counts.loaded ? "Chargées" : "Déjà en place"} : ${counts.qpvs} QPV, ${counts.communes} communes, ${counts.naf} codes NAF.`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
