// Offline matching evaluation over the real SIAE corpus: `npx tsx eval/matching/run-offline.ts`.
// Suppliers are built from the CSV alone (no DB); the DB-backed service reuses evaluate().
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { departmentOfInsee, haversineKm } from "../../app/modules/matching/geo";
import { normalizeNaf, scoreMatch, type MatchContext, type MatchNeed, type MatchSupplier } from "../../app/modules/matching/score";
import { coordinates, loadCommunes, loadCorpus, normalizeText, type Commune, type CorpusRow } from "./corpus";
import { evaluate, formatReport, loadNeeds, type EvalNeed } from "./evaluate";

type Category = { slug: string; label: string; naf: string[] };

const TAXONOMY_PATH = fileURLToPath(new URL("../../db/data/purchasing-categories.json", import.meta.url));
const DEFAULT_ZONE_KM = 30;
const LABEL_BY_STRUCTURE: Record<string, string> = {
  ACI: "siae", AI: "siae", EI: "siae", ETTI: "siae", EITI: "siae",
  EA: "entreprise-adaptee", EATT: "entreprise-adaptee", GEIQ: "geiq",
};
const LABEL_NAMES: Record<string, string> = { siae: "SIAE", "entreprise-adaptee": "Entreprise adaptée", geiq: "GEIQ" };
// Too short or too common in both needs and company names to signal anything.
const STOP_WORDS = new Set(
  "de la le les des du un une et en a au aux pour par sur dans nos notre nous avec ou d l s assoc association sarl sas eurl sa scop".split(" "),
);

function loadTaxonomy(): Category[] {
  return JSON.parse(readFileSync(TAXONOMY_PATH, "utf8")) as Category[];
}

function tokens(text: string): Set<string> {
  return new Set(normalizeText(text).split(" ").filter((t) => t.length > 2 && !STOP_WORDS.has(t)));
}

/** Share of the need's tokens found in the supplier's names and description (prefix-5 match). */
function tokenOverlap(needTokens: Set<string>, supplierTokens: Set<string>): number {
  if (needTokens.size === 0) return 0;
  const stems = new Set([...supplierTokens].map((t) => t.slice(0, 5)));
  let hits = 0;
  for (const t of needTokens) if (stems.has(t.slice(0, 5))) hits += 1;
  // A handful of shared words already says a lot: saturate at 5.
  return Math.min(1, hits / Math.min(5, needTokens.size));
}

function supplierDepartment(row: CorpusRow): string | null {
  return departmentOfInsee(row.code_insee_commune);
}

function toSupplier(row: CorpusRow, categoriesByNaf: Map<string, string[]>, communes: Map<string, Commune>): MatchSupplier {
  const naf = row.code_naf.trim() === "" ? null : normalizeNaf(row.code_naf);
  const point = coordinates(row);
  const commune = communes.get(row.code_insee_commune);
  return {
    id: row.siret,
    categories: naf ? (categoriesByNaf.get(naf) ?? []) : [],
    nafCode: naf,
    lat: point.lat ?? commune?.lat ?? null,
    lon: point.lon ?? commune?.lon ?? null,
    department: supplierDepartment(row),
    epci: commune?.epci ?? null,
    zone: { kind: "radius", radiusKm: DEFAULT_ZONE_KM },
    qpv: { status: "none", name: null },
    labels: LABEL_BY_STRUCTURE[row.type_structure] ? [LABEL_BY_STRUCTURE[row.type_structure]!] : [],
    textRelevance: 0,
    responsiveness: { notified: 0, answered: 0 },
  };
}

function toMatchNeed(need: EvalNeed, communes: Map<string, Commune>): MatchNeed {
  const commune = communes.get(need.commune_insee);
  return {
    categories: need.categories,
    lat: commune?.lat ?? null,
    lon: commune?.lon ?? null,
    communeInsee: need.commune_insee,
    department: commune?.department ?? departmentOfInsee(need.commune_insee),
    epci: commune?.epci ?? null,
    perimeter: need.perimeter ?? { kind: "radius", radiusKm: need.radius_km ?? DEFAULT_ZONE_KM },
    requiredLabels: need.requirements.labels,
    text: `${need.title} ${need.description}`,
  };
}

async function main(): Promise<void> {
  const taxonomy = loadTaxonomy();
  const communes = loadCommunes();
  const categoriesByNaf = new Map<string, string[]>();
  for (const category of taxonomy) {
    for (const code of category.naf) {
      const naf = normalizeNaf(code);
      categoriesByNaf.set(naf, [...(categoriesByNaf.get(naf) ?? []), category.slug]);
    }
  }
  const bySlug = new Map(taxonomy.map((c) => [c.slug, c]));
  const ctx: MatchContext = {
    categoryNaf: (slug) => bySlug.get(slug)?.naf ?? [],
    categoryLabel: (slug) => bySlug.get(slug)?.label ?? slug,
    labelLabel: (slug) => LABEL_NAMES[slug] ?? slug,
  };
  const rows = loadCorpus();
  const suppliers = rows.map((row) => ({
    supplier: toSupplier(row, categoriesByNaf, communes),
    text: tokens(`${row.raison_sociale} ${row.enseigne} ${row.description}`),
  }));

  const rank = async (need: EvalNeed): Promise<string[]> => {
    const matchNeed = toMatchNeed(need, communes);
    const needTokens = tokens(matchNeed.text);
    const scored = suppliers.map(({ supplier, text }) => {
      const withText = { ...supplier, textRelevance: tokenOverlap(needTokens, text) };
      const distanceKm =
        matchNeed.lat !== null && matchNeed.lon !== null && withText.lat !== null && withText.lon !== null
          ? haversineKm(matchNeed.lat, matchNeed.lon, withText.lat, withText.lon)
          : Number.POSITIVE_INFINITY;
      return { id: supplier.id, result: scoreMatch(matchNeed, withText, ctx), distanceKm };
    });
    scored.sort(
      (a, b) =>
        Number(b.result.eligible) - Number(a.result.eligible) ||
        b.result.score - a.result.score ||
        a.distanceKm - b.distanceKm ||
        a.id.localeCompare(b.id),
    );
    // The corpus repeats some SIRETs (one row per kind of structure): rank each once.
    return [...new Set(scored.map((s) => s.id))];
  };

  const report = await evaluate(loadNeeds(), rank);
  console.log(formatReport(report));
}

await main();
