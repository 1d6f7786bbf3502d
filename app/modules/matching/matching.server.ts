// The DB-backed matching service (DESIGN.md, "Matching"): candidates in SQL (activity and
// geography prefilters, text rank, answer history), then the pure `scoreMatch` on each one.
// The same code ranks suppliers for a need, needs for a supplier, and the local potential.
import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "../../../db/client";
import { categoryLabel, getCategory, suggestCategoriesForNaf } from "../suppliers/categories";
import { labelText } from "../suppliers/labels";
import { departmentOfInsee } from "./geo";
import { GEOGRAPHY_FLOOR_SHARE, NAF_ONLY_SHARE, NO_DISTANCE_SHARE, QPV_SHARE, REFERENCE_KM, RESPONSIVENESS_PRIOR, WEIGHTS, ZONE_ONLY_SHARE } from "./weights";
import { normalizeNaf, scoreMatch, type MatchContext, type MatchNeed, type MatchResult, type MatchSupplier, type NeedPerimeter, type QpvStatus, type SupplierZone } from "./score";

/** What a need says about itself, as typed in the form or in `cli match --need-file`. */
export type NeedMatchInput = {
  categories: string[];
  communeInsee: string | null;
  perimeter: NeedPerimeter;
  requiredLabels?: string[];
  title?: string;
  description?: string;
};

/** A need resolved against the reference: coordinates, department and EPCI of its commune. */
export type ResolvedNeed = MatchNeed & { textQuery: string };

export type RankedSupplier = {
  supplierId: string;
  siret: string;
  name: string;
  slug: string;
  communeName: string | null;
  qpvStatus: QpvStatus;
  qpvName: string | null;
  categories: string[];
  nafCode: string | null;
  distanceKm: number | null;
  score: number;
  reasons: string[];
  components: MatchResult["components"];
};

/**
 * The process-wide database, imported lazily so that scripts (eval, bench) can pass their own
 * executor without opening the application's database.
 */
async function defaultExecutor(): Promise<Executor> {
  return (await import("../../../db/connection")).db;
}

export const matchContext: MatchContext = {
  categoryNaf: (slug) => getCategory(slug)?.naf ?? [],
  categoryLabel,
  labelLabel: labelText,
};

/** ts_rank at which text relevance is full (an OR query over a weighted vector rarely passes 0.3). */
const TEXT_RANK_SATURATION = 0.2;

// Words too common in needs to say anything about the work asked for.
const STOP_WORDS = new Set(
  (
    "les des une pour par sur dans nos notre nous vous votre avec aux est sont qui que quoi dont ces cette ses son leur leurs " +
    "plus tres tout tous toute toutes entre sans sous chez afin etre avoir fait faire besoin besoins cherchons recherchons " +
    "recherche souhaitons entreprise entreprises prestataire prestataires prestation prestations service services societe " +
    "mois annee ans jours semaine lundi mardi mercredi jeudi vendredi samedi dimanche environ partir depuis"
  ).split(" "),
);

/** Title + description → an OR tsquery of its meaningful words ("nettoyage | bureaux | …"); "" when none. */
export function buildTextQuery(text: string): string {
  const words = text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)].slice(0, 40).join(" | ");
}

/** NAF codes covered by the need's categories (normalised, e.g. "8121Z"). */
export function nafCodesOf(categories: string[]): string[] {
  return [...new Set(categories.flatMap((slug) => matchContext.categoryNaf(slug)).map(normalizeNaf))];
}

type CommuneRow = { insee: string; lat: number | null; lon: number | null; department_code: string; epci_siren: string | null };

export async function resolveNeed(input: NeedMatchInput, executor?: Executor): Promise<ResolvedNeed> {
  executor ??= await defaultExecutor();
  const [commune] = input.communeInsee
    ? await rows<CommuneRow>(executor, sql`SELECT insee, lat, lon, department_code, epci_siren FROM communes WHERE insee = ${input.communeInsee}`)
    : [];
  const text = [input.title ?? "", input.description ?? ""].join(" ").trim();
  return {
    categories: input.categories,
    nafCodes: [],
    lat: commune?.lat ?? null,
    lon: commune?.lon ?? null,
    communeInsee: input.communeInsee,
    department: commune?.department_code ?? (input.communeInsee ? departmentOfInsee(input.communeInsee) : null),
    epci: commune?.epci_siren ?? null,
    perimeter: input.perimeter,
    requiredLabels: input.requiredLabels ?? [],
    text,
    textQuery: buildTextQuery(text),
  };
}

type CandidateRow = {
  id: string;
  siret: string;
  name: string;
  slug: string;
  categories: string[];
  naf_code: string | null;
  lat: number | null;
  lon: number | null;
  department: string | null;
  epci: string | null;
  commune_name: string | null;
  zone_kind: "radius" | "departments" | "national";
  zone_radius_km: number;
  zone_departments: string[];
  qpv_status: QpvStatus;
  qpv_name: string | null;
  labels: string[];
  distance_m: number | null;
  text_rank: number;
  notified: number;
  answered: number;
};

/** The supplier's words as the search index weighs them, built on the fly when it is not indexed yet. */
const onTheFlyVector = sql`(setweight(to_tsvector('french', f_unaccent(s.legal_name || ' ' || coalesce(s.trade_name, ''))), 'A')
  || setweight(to_tsvector('french', f_unaccent(coalesce((SELECT string_agg(ss.title || ' ' || ss.description, ' ') FROM supplier_services ss WHERE ss.supplier_id = s.id), ''))), 'B')
  || setweight(to_tsvector('french', f_unaccent(s.description)), 'C'))`;

/** The search index's weighted vector, or the same built on the fly (`sd` is search_documents). */
const supplierVector = sql`coalesce(sd.search_vector, ${onTheFlyVector})`;

/**
 * Suppliers whose supplier_match row is missing, left over or out of step with the profile and its
 * search document (it is written by the triggers of migration 0015 only). Tests and checks call it.
 */
export async function supplierMatchDrift(executor?: Executor): Promise<string[]> {
  executor ??= await defaultExecutor();
  const found = await rows<{ id: string }>(
    executor,
    sql`SELECT coalesce(s.id, m.supplier_id) AS id
        FROM suppliers s
        LEFT JOIN search_documents sd ON sd.id = s.id
        FULL JOIN supplier_match m ON m.supplier_id = s.id
        WHERE s.id IS NULL OR m.supplier_id IS NULL
          OR (m.categories, m.naf_code, m.lat, m.lon, m.commune_insee, m.zone_kind, m.zone_radius_km, m.zone_departments,
              m.qpv_status, m.labels, m.qpv_code)
             IS DISTINCT FROM (s.categories, s.naf_code, s.lat, s.lon, s.commune_insee, s.zone_kind, s.zone_radius_km,
              s.zone_departments, s.qpv_status, s.labels, s.qpv_code)
          OR m.department IS DISTINCT FROM ${supplierDepartmentOf(sql`s.commune_insee`)}
          OR m.text_vector IS DISTINCT FROM ${supplierVector}
        ORDER BY 1`,
  );
  return found.map((r) => r.id);
}

function textArray(values: string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "")}"`).join(",")}}`}::text[]`;
}

/** A department from an INSEE code, as departmentOfInsee() does ("97411" → "974"). */
function supplierDepartmentOf(insee: SQL): SQL {
  return sql`CASE WHEN ${insee} LIKE '97%' THEN left(${insee}, 3) ELSE left(${insee}, 2) END`;
}
/** The candidate's department: supplier_match keeps it (supplierDepartmentOf its commune). */
const supplierDepartment = sql`s.department`;
/** The EPCI of a candidate (`c`, a row of the prefilter), for the rows scored only. */
const candidateEpci = sql`(SELECT co.epci_siren FROM communes co WHERE co.insee = c.commune_insee)`;

function inEpci(epci: string | null): SQL {
  return epci ? sql`s.commune_insee IN (SELECT c.insee FROM communes c WHERE c.epci_siren = ${epci})` : sql`FALSE`;
}

/** Without coordinates, the same EPCI or department decides (as in score.ts). */
function noDistanceFallback(need: ResolvedNeed): SQL {
  return sql`(s.lat IS NULL AND (${supplierDepartment} = ${need.department ?? ""} OR ${inEpci(need.epci)}))`;
}

/**
 * Candidates are filtered on a haversine distance (plain float arithmetic, five times cheaper than
 * earth_distance's cubes), within a metre of earth_distance on the same sphere; scoreMatch then
 * decides with earth_distance, computed for the rows it scores only. The filters keep a metre of
 * slack so that they never drop a supplier earth_distance would keep.
 */
const DISTANCE_SLACK_M = 1;
/** earth() of the earthdistance extension. */
const EARTH_RADIUS_M = 6378168;

function haversineMetres(lat: number, lon: number): SQL {
  return sql`(${2 * EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(sin(radians(s.lat - ${lat}::float8) / 2) ^ 2 + ${Math.cos((lat * Math.PI) / 180)}::float8 * cos(radians(s.lat)) * sin(radians(s.lon - ${lon}::float8) / 2) ^ 2))))`;
}

/** Is the supplier inside the need's perimeter? (`s` is the supplier, `d` its distance in metres) */
function perimeterCondition(need: ResolvedNeed): SQL {
  const p = need.perimeter;
  switch (p.kind) {
    case "radius":
      if (need.lat === null || need.lon === null) return noDistanceFallback(need);
      return sql`(d <= ${p.radiusKm * 1000 + DISTANCE_SLACK_M} OR ${noDistanceFallback(need)})`;
    case "epci":
      return inEpci(p.epci);
    case "departments":
      return sql`${supplierDepartment} = ANY(${textArray(p.departments)})`;
    case "national":
      return sql`TRUE`;
  }
}

/** Is the need inside the zone the supplier serves? */
function zoneCondition(need: ResolvedNeed): SQL {
  return sql`(s.zone_kind = 'national'
    OR (s.zone_kind = 'departments' AND ${need.department ?? ""} = ANY(s.zone_departments))
    OR (s.zone_kind = 'radius' AND (d <= s.zone_radius_km * 1000 + ${DISTANCE_SLACK_M} OR ${noDistanceFallback(need)})))`;
}

/** Answer history: needs the supplier was told about, and those it answered (either way). */
const responsiveness = sql`LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE ns.notified_at IS NOT NULL)::int AS notified,
           count(*) FILTER (WHERE ns.notified_at IS NOT NULL AND (ns.interested_at IS NOT NULL OR ns.declined_at IS NOT NULL))::int AS answered
    FROM need_suppliers ns WHERE ns.supplier_id = s.id) r ON TRUE`;

/** The same history for many candidates at once: one aggregate of the notified rows, joined. */
const answerHistory = sql`LEFT JOIN (
    SELECT ns.supplier_id, count(*)::int AS notified,
           count(*) FILTER (WHERE ns.interested_at IS NOT NULL OR ns.declined_at IS NOT NULL)::int AS answered
    FROM need_suppliers ns WHERE ns.notified_at IS NOT NULL GROUP BY ns.supplier_id) r ON r.supplier_id = s.id`;

type BaseRow = Omit<CandidateRow, "siret" | "name" | "slug" | "commune_name" | "qpv_name" | "text_rank" | "notified" | "answered">;
type DetailRow = Pick<CandidateRow, "siret" | "name" | "slug" | "commune_name">;

function toMatchSupplier(row: BaseRow & Partial<Pick<CandidateRow, "qpv_name" | "notified" | "answered">>, textRelevance: number): MatchSupplier {
  const zone: SupplierZone =
    row.zone_kind === "national"
      ? { kind: "national" }
      : row.zone_kind === "departments"
        ? { kind: "departments", departments: row.zone_departments }
        : { kind: "radius", radiusKm: row.zone_radius_km };
  return {
    id: row.id,
    categories: row.categories,
    nafCode: row.naf_code,
    lat: row.lat,
    lon: row.lon,
    department: row.department,
    epci: row.epci,
    zone,
    qpv: { status: row.qpv_status, name: row.qpv_name ?? null },
    labels: row.labels,
    textRelevance,
    responsiveness: { notified: row.notified ?? 0, answered: row.answered ?? 0 },
  };
}

/**
 * ts_rank (weights A 1, B 0.4, C 0.2) → 0..1, an absolute scale so that a supplier's text
 * relevance does not depend on who else is ranked with it.
 */
export function textRelevanceOf(rank: number): number {
  return Number.isFinite(rank) ? Math.min(1, Math.max(0, rank / TEXT_RANK_SATURATION)) : 0;
}

/** ADR 0004's order: score, then distance, then id (stable between runs). */
function byRank(a: { score: number; distanceKm: number | null; id: string }, b: typeof a): number {
  return b.score - a.score || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * An upper bound, in points, of what scoreMatch can give a candidate, from the columns of the
 * prefilter (`s`: supplier_match with its distance `d`, text rank and answer history): category and
 * geography at most what they can earn; QPV, labels, text relevance (the exact ts_rank) and
 * responsiveness exactly. Every figure comes from weights.ts.
 * Half a point of slack covers scoreMatch's rounding of each component to 0.1.
 */
function upperBoundPoints(need: ResolvedNeed): SQL {
  const requiredLabels = [...new Set(need.requiredLabels)];
  const category = sql`CASE WHEN s.categories && ${textArray(need.categories)} THEN ${WEIGHTS.category}::float8 ELSE ${WEIGHTS.category * NAF_ONLY_SHARE}::float8 END`;
  const decay = (referenceKm: number) => sql`(1 - ${1 - GEOGRAPHY_FLOOR_SHARE}::float8 * least(1, greatest(0, s.d - ${DISTANCE_SLACK_M}) / ${referenceKm * 1000}::float8))`;
  const p = need.perimeter;
  const referenceKm = p.kind === "radius" ? p.radiusKm : REFERENCE_KM[p.kind];
  // Inside the perimeter: the decay (the same-EPCI/department share without coordinates); outside
  // it, only the supplier's zone can reach the need, for the zone-only share.
  const zoneOnly = sql`${GEOGRAPHY_FLOOR_SHARE * ZONE_ONLY_SHARE}::float8`;
  const geographyShare =
    p.kind === "radius"
      ? sql`CASE WHEN s.d IS NULL THEN ${NO_DISTANCE_SHARE}::float8 WHEN s.d <= ${p.radiusKm * 1000 + DISTANCE_SLACK_M} THEN ${decay(referenceKm)} ELSE ${zoneOnly} END`
      : sql`CASE WHEN NOT ${perimeterCondition(need)} THEN ${zoneOnly} WHEN s.d IS NULL THEN ${NO_DISTANCE_SHARE}::float8 ELSE ${decay(referenceKm)} END`;
  const qpv = sql`CASE s.qpv_status WHEN 'verified' THEN ${WEIGHTS.qpv * QPV_SHARE.verified}::float8 WHEN 'declared' THEN ${WEIGHTS.qpv * QPV_SHARE.declared}::float8 ELSE 0 END`;
  const labels = requiredLabels.length
    ? sql`${WEIGHTS.labels}::float8 * (${sql.join(
        requiredLabels.map((label) => sql`(${label} = ANY(s.labels))::int`),
        sql` + `,
      )})`
    : sql`0`;
  const answerRate = sql`((s.answered + ${RESPONSIVENESS_PRIOR.answered})::float8 / (s.notified + ${RESPONSIVENESS_PRIOR.notified}))`;
  // The exact text relevance (textRelevanceOf in SQL): ts_rank on the supplier_match copy of the vector.
  const text = sql`${WEIGHTS.text}::float8 * least(1, greatest(0, s.text_rank / ${TEXT_RANK_SATURATION}::float8))`;
  return sql`(${category} + ${WEIGHTS.geography}::float8 * ${geographyShare} + ${qpv} + ${labels} + ${WEIGHTS.responsiveness}::float8 * ${answerRate} + ${text} + 0.5::float8)`;
}

/** The applicable maximum of scoreMatch for this need (labels count only when required). */
function maxPoints(need: ResolvedNeed): number {
  const labels = new Set(need.requiredLabels).size;
  return WEIGHTS.category + WEIGHTS.geography + WEIGHTS.qpv + WEIGHTS.text + WEIGHTS.responsiveness + WEIGHTS.labels * labels;
}

/**
 * First page of the prefilter. The bound is within a point of the score (only rounding and the
 * distance's metre of slack separate them), so the best hundred settle a top 20: on the bench's
 * 200 needs, 100 and 200 need no second read, 50 needs 17 (ADR 0007).
 */
const FIRST_PAGE = 100;

/**
 * Suppliers able to serve the need, best first: an activity fit (category, or NAF code in the
 * categories' lists) and a geographic fit (inside the perimeter, or the need inside their zone).
 *
 * With a limit, candidates are read best upper bound first (ADR 0007): only the first page gets
 * its exact distance and QPV name and is scored by scoreMatch; the page is enlarged until the last
 * exact score kept beats the upper bound of every candidate left. The ranking is the exhaustive
 * one; the threshold (`minScore`) is applied to the bound in SQL.
 */
export async function rankSuppliersForNeed(
  input: NeedMatchInput | ResolvedNeed,
  options: {
    limit?: number;
    executor?: Executor;
    minScore?: number;
    /** Suppliers already notified of this need are left out (the next batch). */
    excludeNotifiedOf?: string;
    /** Size of the first page of the prefilter (tests make it small to exercise the second read). */
    firstPage?: number;
    /** Rank only these (e.g. the suppliers taking part in an event). */
    supplierIds?: string[];
  } = {},
): Promise<RankedSupplier[]> {
  const executor = options.executor ?? (await defaultExecutor());
  const need = "textQuery" in input ? input : await resolveNeed(input, executor);
  if (need.categories.length === 0 || options.supplierIds?.length === 0) return [];
  const minScore = options.minScore ?? 0;
  const limit = options.limit;
  const exclude = options.excludeNotifiedOf;
  const only = options.supplierIds;
  if (limit === undefined) return ranked(scoreRows(need, await candidateRows(executor, need, { minScore, exclude, only }), minScore));
  // First the best upper bounds; then, when that does not settle the ranking, every candidate
  // whose bound reaches the limit-th exact score found (a floor the final ranking can only raise).
  const page = options.firstPage ?? Math.max(FIRST_PAGE, limit * 5);
  const first = await candidateRows(executor, need, { minScore, exclude, only, page });
  const scored = scoreRows(need, first, minScore);
  if (first.length < page) return ranked(scored.slice(0, limit));
  // A candidate not read has a bound ≤ the lowest one read: its score cannot exceed round(bound).
  const bound = Math.min(...first.map((r) => Number(r.upper_score))) + 0.5;
  const kth = scored.length >= limit ? scored[limit - 1]!.score : -Infinity;
  if (kth > bound) return ranked(scored.slice(0, limit));
  const floor = Math.max(minScore, kth === -Infinity ? 0 : kth);
  const all = await candidateRows(executor, need, { minScore: floor, exclude, only });
  return ranked(scoreRows(need, all, minScore).slice(0, limit));
}

/** scoreMatch on each candidate: the eligible ones at or above the threshold, best first. */
function scoreRows(need: ResolvedNeed, candidates: CandidateWithBound[], minScore: number): ScoredRow[] {
  const scored: ScoredRow[] = [];
  for (const row of candidates) {
    const distanceKm = row.distance_m === null ? null : Number(row.distance_m) / 1000;
    const result = scoreMatch(need, toMatchSupplier(row, textRelevanceOf(Number(row.text_rank))), distanceKm === null ? matchContext : { ...matchContext, distanceKm });
    if (result.eligible && result.score >= minScore) scored.push({ id: row.id, row, distanceKm, score: result.score, result });
  }
  return scored.sort(byRank);
}

type ScoredRow = { id: string; row: CandidateWithBound; distanceKm: number | null; score: number; result: MatchResult };

function ranked(top: ScoredRow[]): RankedSupplier[] {
  return top.map(({ row, distanceKm, score, result }) => {
    return {
      supplierId: row.id,
      siret: row.siret,
      name: row.name,
      slug: row.slug,
      communeName: row.commune_name,
      qpvStatus: row.qpv_status,
      qpvName: row.qpv_name,
      categories: row.categories,
      nafCode: row.naf_code,
      distanceKm,
      score,
      reasons: result.reasons,
      components: result.components,
    };
  });
}

type CandidateWithBound = BaseRow & DetailRow & Pick<CandidateRow, "qpv_name" | "text_rank" | "notified" | "answered"> & { upper_score: number };

/**
 * The candidates (activity and geographic fits), best upper bound first, `page` of them (all when
 * null), each with what scoreMatch needs, read from supplier_match (a narrow copy of the profile
 * with the text vector, so that the scan reads neither suppliers nor search_documents). The text
 * rank and answer history are computed for the rows inside the geographic filters (the bound
 * needs them); the exact distance, QPV name, EPCI, name and commune for the rows of the page only.
 */
async function candidateRows(
  executor: Executor,
  need: ResolvedNeed,
  options: { page?: number; minScore: number; exclude?: string; only?: string[] },
): Promise<CandidateWithBound[]> {
  const onlyThese = options.only ? sql`AND s.supplier_id = ANY(${`{${options.only.join(",")}}`}::uuid[])` : sql``;
  const nafs = nafCodesOf(need.categories);
  const point = need.lat !== null && need.lon !== null ? sql`ll_to_earth(${need.lat}, ${need.lon})` : null;
  const tsq = need.textQuery ? sql`to_tsquery('french', ${need.textQuery})` : null;
  // The distance is computed once per row (OFFSET 0 keeps the subquery from being inlined), and
  // only for rows a plain latitude test cannot already rule out.
  const reachKm = need.perimeter.kind === "radius" ? need.perimeter.radiusKm : 0;
  const latitudeTest =
    need.lat === null || need.perimeter.kind !== "radius"
      ? sql`TRUE`
      : sql`(s.lat IS NULL OR s.zone_kind <> 'radius' OR abs(s.lat - ${need.lat}) * 111.2 <= greatest(${reachKm}, s.zone_radius_km) + 1)`;
  const needsEpci = need.perimeter.kind === "epci";
  const upperScore = sql`(100 * ${upperBoundPoints(need)} / ${maxPoints(need)}::float8)`;
  // A candidate whose bound cannot round up to the threshold is never read.
  const threshold = options.minScore > 0 ? sql`${upperScore} + 0.5 >= ${options.minScore}` : null;
  const excluded = options.exclude
    ? sql`AND NOT EXISTS (SELECT 1 FROM need_suppliers x WHERE x.need_id = ${options.exclude} AND x.supplier_id = s.id AND x.notified_at IS NOT NULL)`
    : sql``;
  return rows<CandidateWithBound>(
    executor,
    sql`SELECT c.id, c.categories, c.naf_code, c.lat, c.lon, c.department,
          CASE WHEN c.lat IS NULL OR ${needsEpci} THEN ${candidateEpci} END AS epci,
          c.zone_kind, c.zone_radius_km, c.zone_departments, c.qpv_status, c.labels, c.upper_score, c.notified, c.answered,
          ${point ? sql`CASE WHEN c.lat IS NULL THEN NULL ELSE earth_distance(${point}, ll_to_earth(c.lat, c.lon)) END` : sql`NULL::float8`} AS distance_m,
          CASE WHEN c.qpv_code IS NULL THEN NULL ELSE (SELECT q.name FROM qpvs q WHERE q.code = c.qpv_code) END AS qpv_name,
          c.text_rank, sp.siret, coalesce(sp.trade_name, sp.legal_name) AS name, sp.slug, cm.name AS commune_name
        FROM (
          SELECT s.*, ${upperScore} AS upper_score
          FROM (
            SELECT s.id, s.categories, s.naf_code, s.lat, s.lon, s.commune_insee, s.department, s.zone_kind, s.zone_radius_km,
              s.zone_departments, s.qpv_status, s.qpv_code, s.labels, s.d,
              ${tsq ? sql`ts_rank(s.text_vector, ${tsq})` : sql`0`}::float8 AS text_rank,
              coalesce(r.notified, 0) AS notified, coalesce(r.answered, 0) AS answered
            FROM (
              SELECT s.supplier_id AS id, s.categories, s.naf_code, s.lat, s.lon, s.commune_insee, s.department, s.zone_kind,
                s.zone_radius_km, s.zone_departments, s.qpv_status, s.qpv_code, s.labels, s.text_vector,
                ${point && need.lat !== null && need.lon !== null ? sql`CASE WHEN s.lat IS NULL THEN NULL ELSE ${haversineMetres(need.lat, need.lon)} END` : sql`NULL::float8`} AS d
              FROM supplier_match s
              WHERE (s.categories && ${textArray(need.categories)} OR s.naf_code = ANY(${textArray(nafs)})) AND ${latitudeTest} ${onlyThese}
              OFFSET 0
            ) s
            ${answerHistory}
            WHERE (${perimeterCondition(need)} OR ${zoneCondition(need)}) ${excluded}
            OFFSET 0
          ) s
          ${threshold ? sql`WHERE ${threshold}` : sql``}
          ORDER BY upper_score DESC, s.id
          ${options.page === undefined ? sql`` : sql`LIMIT ${options.page}`}
        ) c
        JOIN suppliers sp ON sp.id = c.id
        LEFT JOIN communes cm ON cm.insee = sp.commune_insee`,
  );
}

type NeedCandidateRow = {
  id: string;
  title: string;
  categories: string[];
  commune_insee: string | null;
  commune_name: string | null;
  lat: number | null;
  lon: number | null;
  department: string | null;
  epci: string | null;
  perimeter_kind: NeedPerimeter["kind"];
  radius_km: number | null;
  departments: string[];
  required_labels: string[];
  description: string;
  response_deadline: string | null;
  budget_band: string | null;
  published_at: string | Date | null;
  buyer_id: string;
  buyer_name: string;
  distance_m: number | null;
  text_rank: number;
};

export type FeedNeed = {
  needId: string;
  title: string;
  buyerOrganisationId: string;
  buyerName: string;
  communeName: string | null;
  responseDeadline: string | null;
  budgetBand: string | null;
  publishedAt: string | null;
  score: number;
  reasons: string[];
};

function perimeterOf(row: Pick<NeedCandidateRow, "perimeter_kind" | "radius_km" | "departments" | "epci">): NeedPerimeter {
  switch (row.perimeter_kind) {
    case "radius":
      return { kind: "radius", radiusKm: row.radius_km ?? 30 };
    case "epci":
      return { kind: "epci", epci: row.epci ?? "" };
    case "departments":
      return { kind: "departments", departments: row.departments };
    case "national":
      return { kind: "national" };
  }
}

/**
 * "Besoins pour vous": published needs still open (deadline not passed) that fit the supplier,
 * best first, with the reasons. Activity prefilter in SQL, geography and score with scoreMatch.
 */
export async function needsForSupplier(
  supplierId: string,
  /** `needIds`: only these needs (e.g. those the buyers of an event bring). */
  options: { executor?: Executor; now?: Date; limit?: number; needIds?: string[] } = {},
): Promise<FeedNeed[]> {
  const executor = options.executor ?? (await defaultExecutor());
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const [supplier] = await rows<CandidateRow>(
    executor,
    sql`SELECT s.id, s.siret, s.legal_name AS name, s.slug, s.categories, s.naf_code, s.lat, s.lon,
          coalesce(c.department_code, left(s.commune_insee, 2)) AS department, c.epci_siren AS epci, c.name AS commune_name,
          s.zone_kind, s.zone_radius_km, s.zone_departments, s.qpv_status, q.name AS qpv_name, s.labels,
          NULL AS distance_m, 0 AS text_rank, coalesce(r.notified, 0) AS notified, coalesce(r.answered, 0) AS answered
        FROM suppliers s
        LEFT JOIN communes c ON c.insee = s.commune_insee
        LEFT JOIN qpvs q ON q.code = s.qpv_code
        ${responsiveness}
        WHERE s.id = ${supplierId}`,
  );
  if (!supplier) return [];
  const fitting = [...new Set([...supplier.categories, ...(supplier.naf_code ? suggestCategoriesForNaf(supplier.naf_code) : [])])];
  if (fitting.length === 0 || options.needIds?.length === 0) return [];
  const onlyThese = options.needIds ? sql`AND n.id = ANY(${`{${options.needIds.join(",")}}`}::uuid[])` : sql``;
  const dist =
    supplier.lat !== null && supplier.lon !== null ? sql`earth_distance(ll_to_earth(${supplier.lat}, ${supplier.lon}), ll_to_earth(n.lat, n.lon))` : sql`NULL::float8`;
  const candidates = await rows<NeedCandidateRow>(
    executor,
    sql`SELECT n.id, n.title, n.description, n.categories, n.commune_insee, c.name AS commune_name, n.lat, n.lon,
          c.department_code AS department, c.epci_siren AS epci, n.perimeter_kind, n.radius_km, n.departments, n.required_labels,
          n.response_deadline::text AS response_deadline, n.budget_band, n.published_at, o.id AS buyer_id, o.name AS buyer_name,
          CASE WHEN n.lat IS NULL THEN NULL ELSE ${dist} END AS distance_m,
          CASE WHEN n.text_query = '' THEN 0 ELSE ts_rank(v.vector, to_tsquery('french', n.text_query)) END::float8 AS text_rank
        FROM needs n
        JOIN organisations o ON o.id = n.buyer_organisation_id
        LEFT JOIN communes c ON c.insee = n.commune_insee
        CROSS JOIN (SELECT ${supplierVector} AS vector FROM suppliers s LEFT JOIN search_documents sd ON sd.id = s.id WHERE s.id = ${supplierId}) v
        WHERE n.status = 'published' AND (n.response_deadline IS NULL OR n.response_deadline >= ${today}::date)
          AND n.categories && ${textArray(fitting)} ${onlyThese}`,
  );
  const feed: (FeedNeed & { distanceKm: number | null; id: string })[] = [];
  for (const n of candidates) {
    const distanceKm = n.distance_m === null ? null : Number(n.distance_m) / 1000;
    const need: MatchNeed = {
      categories: n.categories,
      lat: n.lat,
      lon: n.lon,
      communeInsee: n.commune_insee,
      department: n.department,
      epci: n.epci,
      perimeter: perimeterOf(n),
      requiredLabels: n.required_labels,
      text: `${n.title} ${n.description}`,
    };
    const result = scoreMatch(need, toMatchSupplier(supplier, textRelevanceOf(Number(n.text_rank))), {
      ...matchContext,
      ...(distanceKm === null ? {} : { distanceKm }),
    });
    if (!result.eligible) continue;
    feed.push({
      needId: n.id,
      id: n.id,
      title: n.title,
      buyerOrganisationId: n.buyer_id,
      buyerName: n.buyer_name,
      communeName: n.commune_name,
      responseDeadline: n.response_deadline,
      budgetBand: n.budget_band,
      publishedAt: n.published_at === null ? null : new Date(n.published_at).toISOString(),
      score: result.score,
      reasons: result.reasons,
      distanceKm,
    });
  }
  feed.sort(byRank);
  return feed.slice(0, options.limit ?? 50).map(({ distanceKm: _d, id: _id, ...rest }) => rest);
}

export type LocalPotential = {
  total: number;
  byQpv: { verified: number; declared: number; none: number };
  byCategory: { slug: string; label: string; count: number }[];
  suppliers: RankedSupplier[];
};

/**
 * The animator's "Potentiel local": how many suppliers could answer a need of these categories
 * around this commune, split by QPV status and by category, with the list (best first).
 */
export async function localPotential(
  input: { categories: string[]; communeInsee: string; radiusKm: number },
  options: { executor?: Executor; listLimit?: number } = {},
): Promise<LocalPotential> {
  const ranked = await rankSuppliersForNeed(
    { categories: input.categories, communeInsee: input.communeInsee, perimeter: { kind: "radius", radiusKm: input.radiusKm } },
    { executor: options.executor },
  );
  const byQpv = { verified: 0, declared: 0, none: 0 };
  for (const s of ranked) {
    if (s.qpvStatus === "verified") byQpv.verified++;
    else if (s.qpvStatus === "declared") byQpv.declared++;
    else byQpv.none++;
  }
  const byCategory = input.categories.map((slug) => {
    const naf = new Set(nafCodesOf([slug]));
    return {
      slug,
      label: categoryLabel(slug),
      count: ranked.filter((s) => s.categories.includes(slug) || (s.nafCode !== null && naf.has(normalizeNaf(s.nafCode)))).length,
    };
  });
  return { total: ranked.length, byQpv, byCategory, suppliers: ranked.slice(0, options.listLimit ?? 100) };
}
