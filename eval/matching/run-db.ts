// `npm run eval:matching`: the DB-backed matching service measured on the evaluation set.
// A fresh in-memory PGlite gets the migrations, the reference data and the 3,853 SIAE of
// db/data/suppliers-siae.csv; each judged need is then ranked by rankSuppliersForNeed.
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, rows, runMigrations } from "../../db/client";
import { loadReferenceData } from "../../db/reference/load";
import { rankSuppliersForNeed } from "../../app/modules/matching/matching.server";
import { needFromFile } from "../../app/modules/matching/need-file";
import { isGenericNaf, normalizeNafCode, suggestCategories, suggestCategoriesForText } from "../../app/modules/suppliers/categories";
import { labelsForStructureType, normalizeStructureType } from "../../app/modules/suppliers/labels";
import { insertSuppliers, type BulkSupplier } from "./bulk-suppliers";
import { coordinates, loadCorpus } from "./corpus";
import { evaluate, formatReport, loadNeeds } from "./evaluate";

/** The evaluation set's "siae" requirement means any SIAE kind; the taxonomy names each kind. */
const SIAE_KINDS = new Set(["ACI", "AI", "EI", "ETTI", "EITI"]);

/**
 * Categories: what the NAF code and the company's words suggest; a catch-all NAF code
 * (8899B, 9499Z…) alone suggests nothing, only the text does.
 */
export function corpusCategories(nafCode: string | null, text: string): string[] {
  if (nafCode && isGenericNaf(nafCode)) return suggestCategoriesForText(text);
  return suggestCategories({ nafCode, text });
}

async function main(): Promise<void> {
  const started = Date.now();
  const handle = await openDatabase({ driver: "pglite" });
  await runMigrations(handle);
  await loadReferenceData(handle.db);
  const communes = new Map(
    (await rows<{ insee: string; lat: number | null; lon: number | null }>(handle.db, sql`SELECT insee, lat, lon FROM communes`)).map((c) => [c.insee, c]),
  );
  const bySiret = new Map<string, BulkSupplier>();
  for (const row of loadCorpus(path.resolve(process.cwd(), "db/data/suppliers-siae.csv"))) {
    const kind = normalizeStructureType(row.type_structure);
    const labels = [...labelsForStructureType(row.type_structure), ...(SIAE_KINDS.has(kind) ? ["siae"] : [])];
    const existing = bySiret.get(row.siret);
    if (existing) {
      // The corpus repeats a SIRET once per kind of structure: one profile with every label.
      existing.labels = [...new Set([...existing.labels, ...labels])];
      continue;
    }
    const naf = row.code_naf.trim() ? normalizeNafCode(row.code_naf) : null;
    const commune = communes.get(row.code_insee_commune);
    const point = coordinates(row);
    bySiret.set(row.siret, {
      siret: row.siret,
      legalName: row.raison_sociale,
      tradeName: row.enseigne || null,
      nafCode: naf,
      description: row.description,
      categories: corpusCategories(naf, `${row.raison_sociale} ${row.enseigne} ${row.description}`),
      labels,
      structureTypes: [kind],
      communeInsee: commune ? row.code_insee_commune : null,
      lat: point.lat ?? commune?.lat ?? null,
      lon: point.lon ?? commune?.lon ?? null,
    });
  }
  await insertSuppliers(handle.db, [...bySiret.values()]);
  const loadedMs = Date.now() - started;

  const rankStarted = Date.now();
  const report = await evaluate(loadNeeds(), async (need) => {
    const ranked = await rankSuppliersForNeed(needFromFile(need), { executor: handle.db, limit: 50 });
    return ranked.map((r) => r.siret);
  });
  console.log(formatReport(report));
  console.log(
    `\nBase PGlite neuve : ${bySiret.size} fournisseurs importés en ${(loadedMs / 1000).toFixed(1)} s ; ` +
      `${report.needs} besoins classés en ${Date.now() - rankStarted} ms.`,
  );
  console.log(`NDCG@10 ${report.meanNdcg10.toFixed(3)}  recall@20 ${report.meanRecall20.toFixed(3)}`);
  await handle.close();
}

await main();
