// Helps judge the matching evaluation set, independently of any scorer.
//
//   npx tsx eval/matching/build-judgements.ts [needId…]          list candidates for review
//   npx tsx eval/matching/build-judgements.ts --write            write the reviewed `relevant` lists
//
// Candidates = corpus rows inside the need's perimeter whose NAF code or names/description match
// the need's rule below. Every candidate list was then read by a person (names, enseigne, NAF
// label); the decisions are the `drop` and `grade` entries, so the judgement can be replayed.
// Nothing here reads the taxonomy or the matching weights.
import { writeFileSync } from "node:fs";
import { haversineKm, departmentOfInsee } from "../../app/modules/matching/geo";
import { coordinates, loadCommunes, loadCorpus, loadNafLabels, normalizeText, type CorpusRow } from "./corpus";
import { loadNeeds, NEEDS_PATH, type EvalNeed } from "./evaluate";
import { RULES, type JudgementRule } from "./judgement-rules";

type Candidate = {
  row: CorpusRow;
  distanceKm: number | null;
  proposedGrade: 1 | 2;
  why: string;
};

const communes = loadCommunes();
const nafLabels = loadNafLabels();

function supplierPoint(row: CorpusRow): { lat: number; lon: number } | null {
  const { lat, lon } = coordinates(row);
  if (lat !== null && lon !== null) return { lat, lon };
  const commune = communes.get(row.code_insee_commune);
  return commune?.lat != null && commune.lon != null ? { lat: commune.lat, lon: commune.lon } : null;
}

function supplierDepartment(row: CorpusRow): string | null {
  return departmentOfInsee(row.code_insee_commune) ?? departmentOfPostalCode(row.code_postal);
}

function departmentOfPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null;
  return postalCode.startsWith("97") ? postalCode.slice(0, 3) : postalCode.slice(0, 2);
}

/** Distance from the need's commune when the supplier is inside the perimeter, else undefined. */
function withinPerimeter(need: EvalNeed, row: CorpusRow): { inside: boolean; distanceKm: number | null } {
  const origin = communes.get(need.commune_insee);
  const point = supplierPoint(row);
  const distanceKm =
    origin?.lat != null && origin.lon != null && point ? haversineKm(origin.lat, origin.lon, point.lat, point.lon) : null;
  if (need.perimeter?.kind === "national") return { inside: true, distanceKm };
  if (need.perimeter?.kind === "departments") {
    const department = supplierDepartment(row);
    return { inside: department !== null && need.perimeter.departments.includes(department), distanceKm };
  }
  return { inside: distanceKm !== null && distanceKm <= (need.radius_km ?? 0), distanceKm };
}

function matchesAny(text: string, patterns: readonly string[]): string | null {
  return patterns.find((p) => new RegExp(`\\b${p}`).test(text)) ?? null;
}

function searchableText(row: CorpusRow): string {
  return normalizeText(`${row.raison_sociale} ${row.enseigne} ${row.description}`);
}

function proposeGrade(row: CorpusRow, rule: JudgementRule): { grade: 1 | 2; why: string } | null {
  const text = searchableText(row);
  if (rule.exclude && matchesAny(text, rule.exclude)) return null;
  const strongKeyword = matchesAny(text, rule.keywords);
  if (rule.naf.includes(row.code_naf)) return { grade: 2, why: `NAF ${row.code_naf}` };
  if (strongKeyword) return { grade: 2, why: `name "${strongKeyword}"` };
  const weakKeyword = matchesAny(text, rule.weakKeywords ?? []);
  if (weakKeyword) return { grade: 1, why: `name "${weakKeyword}"` };
  if ((rule.weakNaf ?? []).includes(row.code_naf)) return { grade: 1, why: `NAF ${row.code_naf} (weak)` };
  return null;
}

function candidatesFor(need: EvalNeed, corpus: CorpusRow[]): Candidate[] {
  const rule = RULES[need.id];
  if (!rule) throw new Error(`No judgement rule for need ${need.id}`);
  const candidates: Candidate[] = [];
  for (const row of corpus) {
    const proposal = proposeGrade(row, rule);
    if (!proposal) continue;
    const { inside, distanceKm } = withinPerimeter(need, row);
    if (!inside) continue;
    candidates.push({ row, distanceKm, proposedGrade: proposal.grade, why: proposal.why });
  }
  return candidates.sort((a, b) => (a.distanceKm ?? 1e9) - (b.distanceKm ?? 1e9));
}

/** Applies the recorded review: dropped candidates go, overridden grades replace proposals. */
function reviewed(need: EvalNeed, candidates: Candidate[]): EvalNeed["relevant"] {
  const rule = RULES[need.id]!;
  const drop = new Set(rule.drop ?? []);
  // The corpus lists some SIRETs twice (one row per kind of structure): keep the best grade.
  const bySiret = new Map<string, 1 | 2>();
  for (const c of candidates) {
    if (drop.has(c.row.siret)) continue;
    const grade = rule.grade?.[c.row.siret] ?? c.proposedGrade;
    bySiret.set(c.row.siret, Math.max(grade, bySiret.get(c.row.siret) ?? 1) as 1 | 2);
  }
  return [...bySiret].map(([siret, grade]) => ({ siret, grade }));
}

function printCandidates(need: EvalNeed, candidates: Candidate[]): void {
  const rule = RULES[need.id]!;
  const drop = new Set(rule.drop ?? []);
  console.log(`\n## ${need.id} — ${need.title} (${candidates.length} candidates)`);
  for (const c of candidates) {
    const mark = drop.has(c.row.siret) ? "DROP" : `g${rule.grade?.[c.row.siret] ?? c.proposedGrade}`;
    const km = c.distanceKm === null ? "  ?" : c.distanceKm.toFixed(0).padStart(3);
    const naf = `${c.row.code_naf} ${(nafLabels.get(c.row.code_naf) ?? "").slice(0, 38)}`;
    const names = [c.row.raison_sociale, c.row.enseigne].filter((n, i, all) => n && all.indexOf(n) === i).join(" / ");
    const description = c.row.description ? ` «${c.row.description.slice(0, 90)}»` : "";
    console.log(`${mark.padEnd(4)} ${c.row.siret} ${km}km ${c.row.type_structure.padEnd(4)} ${naf.padEnd(45)} ${names} [${c.why}]${description}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const write = args.includes("--write");
  const only = new Set(args.filter((a) => !a.startsWith("--")));
  const corpus = loadCorpus();
  const needs = loadNeeds();
  for (const need of needs) {
    if (only.size > 0 && !only.has(need.id)) continue;
    const candidates = candidatesFor(need, corpus);
    if (write) need.relevant = reviewed(need, candidates);
    else printCandidates(need, candidates);
  }
  if (write) {
    writeFileSync(NEEDS_PATH, `${JSON.stringify(needs, null, 2)}\n`);
    const pairs = needs.reduce((sum, n) => sum + n.relevant.length, 0);
    console.log(`Wrote ${needs.length} needs, ${pairs} judged pairs to ${NEEDS_PATH}`);
    for (const n of needs) console.log(`${n.id}: ${n.relevant.length} relevant`);
  }
}

main();
