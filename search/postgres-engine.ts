import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "../db/client";
import { cropText, highlightTerms } from "./highlight";
import {
  FACET_LIMIT,
  emptyFacets,
  facetFilterKey,
  facetLabels,
  facetNames,
  pagination,
  type FacetName,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplierSearchDocument,
} from "./types";

/** Documents per INSERT: PGlite is much faster with a few big statements than many small ones. */
const INDEX_CHUNK = 2000;
/** Words shorter than this are never corrected: too many near neighbours. */
const MIN_CORRECTED_LENGTH = 4;
/** pg_trgm similarity a correction must reach ("imprimrie" → "imprimerie" is 0.62). */
const SIMILARITY = 0.4;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lexemePattern = /^[a-z0-9]+$/;
/** How long a word's analysis is trusted when another process may have indexed new words. */
const ANALYSIS_TTL_MS = 5 * 60_000;
const ANALYSIS_CACHE_SIZE = 10_000;

/** A text[] parameter that both postgres.js and PGlite bind the same way. */
function textArray(values: readonly string[]): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

function joinText(parts: readonly (string | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join(" ");
}

/** One row of jsonb_to_recordset: the typed columns plus the three weighted texts. */
function indexRow(doc: SupplierSearchDocument) {
  return {
    id: doc.id,
    doc,
    name: doc.name,
    description: doc.description,
    a: joinText([doc.name, doc.legalName]),
    b: joinText([...doc.categories.map((c) => c.replace(/-/g, " ")), ...doc.categoryLabels, ...doc.services, doc.nafLabel, ...doc.labelNames]),
    c: joinText([doc.description, doc.communeName, doc.postalCode, doc.departmentName, doc.epciName, doc.qpvName]),
    categories: doc.categories,
    labels: doc.labels,
    qpv_code: doc.qpvCode,
    qpv_status: doc.qpvStatus,
    commune_insee: doc.communeInsee,
    department_code: doc.departmentCode,
    epci_siren: doc.epciSiren,
    lat: doc.lat,
    lon: doc.lon,
    completeness: doc.completeness,
    created_at: doc.createdAt,
  };
}

/** Last version wins: ON CONFLICT cannot touch the same row twice in one statement. */
function dedupe(docs: readonly SupplierSearchDocument[]): SupplierSearchDocument[] {
  return [...new Map(docs.map((d) => [d.id, d])).values()];
}

function labelRows(docs: readonly SupplierSearchDocument[]) {
  const byKey = new Map<string, { facet: FacetName; value: string; label: string }>();
  for (const doc of docs) for (const entry of facetLabels(doc)) byKey.set(`${entry.facet}\u0000${entry.value}`, entry);
  return [...byKey.values()];
}

/** Writes documents, their words and their facet labels in one statement, and drops the facet cache. */
function upsertStatement(docs: readonly SupplierSearchDocument[]): SQL {
  return sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(docs.map(indexRow))}::jsonb) AS r(
        id uuid, doc jsonb, name text, description text, a text, b text, c text, categories text[], labels text[],
        qpv_code text, qpv_status text, commune_insee text, department_code text, epci_siren text,
        lat float8, lon float8, completeness real, created_at timestamptz)
    ),
    docs AS (
      INSERT INTO search_documents (id, name, description, search_vector, search_text, categories, labels, qpv_code,
        qpv_status, commune_insee, department_code, epci_siren, lat, lon, completeness, created_at)
      SELECT id, name, description,
        setweight(to_tsvector('french', f_unaccent(a)), 'A')
          || setweight(to_tsvector('french', f_unaccent(b)), 'B')
          || setweight(to_tsvector('french', f_unaccent(c)), 'C'),
        lower(f_unaccent(a)), categories, labels, qpv_code, qpv_status, commune_insee, department_code, epci_siren,
        lat, lon, completeness, created_at
      FROM input
      ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description,
        search_vector = excluded.search_vector, search_text = excluded.search_text, categories = excluded.categories,
        labels = excluded.labels, qpv_code = excluded.qpv_code, qpv_status = excluded.qpv_status,
        commune_insee = excluded.commune_insee, department_code = excluded.department_code, epci_siren = excluded.epci_siren,
        lat = excluded.lat, lon = excluded.lon, completeness = excluded.completeness, created_at = excluded.created_at
      RETURNING 1
    ),
    payloads AS (
      INSERT INTO search_payloads (id, doc) SELECT id, doc FROM input
      ON CONFLICT (id) DO UPDATE SET doc = excluded.doc
      RETURNING 1
    ),
    words AS (
      SELECT DISTINCT w.word
      FROM input, regexp_split_to_table(lower(f_unaccent(input.a || ' ' || input.b || ' ' || input.c)), '[^a-z0-9]+') AS w(word)
      WHERE length(w.word) >= 3
    ),
    vocabulary AS (
      INSERT INTO search_vocabulary (word, lexeme)
      SELECT words.word, stem.lexeme FROM words, LATERAL (SELECT (ts_lexize('french_stem', words.word))[1] AS lexeme) stem
      WHERE stem.lexeme IS NOT NULL
      ON CONFLICT (word) DO NOTHING
      RETURNING word
    ),
    trigrams AS (
      INSERT INTO search_vocabulary_trigrams (trigram, word)
      SELECT DISTINCT g.trigram, vocabulary.word FROM vocabulary, unnest(show_trgm(vocabulary.word)) AS g(trigram)
      ON CONFLICT DO NOTHING
      RETURNING 1
    ),
    labels AS (
      INSERT INTO search_facet_labels (facet, value, label)
      SELECT facet, value, label FROM jsonb_to_recordset(${JSON.stringify(labelRows(docs))}::jsonb) AS l(facet text, value text, label text)
      ON CONFLICT (facet, value) DO UPDATE SET label = excluded.label
      RETURNING 1
    )
    DELETE FROM search_facet_counts`;
}

const refreshFacetCache = sql`
  INSERT INTO search_facet_counts (facet, value, count)
  SELECT 'categories', v, count(*) FROM search_documents, unnest(categories) v GROUP BY v
  UNION ALL SELECT 'labels', v, count(*) FROM search_documents, unnest(labels) v GROUP BY v
  UNION ALL SELECT 'qpv', qpv_code, count(*) FROM search_documents WHERE qpv_code IS NOT NULL GROUP BY qpv_code
  UNION ALL SELECT 'communes', commune_insee, count(*) FROM search_documents WHERE commune_insee IS NOT NULL GROUP BY commune_insee
  UNION ALL SELECT 'epcis', epci_siren, count(*) FROM search_documents WHERE epci_siren IS NOT NULL GROUP BY epci_siren
  UNION ALL SELECT 'departments', department_code, count(*) FROM search_documents WHERE department_code IS NOT NULL GROUP BY department_code
  UNION ALL SELECT 'verifiedQpv', '', count(*) FROM search_documents WHERE qpv_status = 'verified'
  UNION ALL SELECT 'total', '', count(*) FROM search_documents
  ON CONFLICT DO NOTHING`;

// ---------------------------------------------------------------------------------------------
// Query analysis: words → French stems, unknown words corrected against the vocabulary.

type TokenRow = { ord: number; token: string; lexeme: string | null; known: boolean; word: string | null; suggestion: string | null };

export type TextPlan = {
  /** one group of alternatives per word: its stem, its corrected stem, a prefix while typing */
  groups: string[][];
  /** stems to highlight */
  terms: string[];
  correctedQuery?: string;
};

/** Words as the database splits them (lower case, letters and digits); each is analysed and cached apart. */
function queryWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/**
 * What the vocabulary says of each word: its stem, whether it is known, its correction. A word's
 * analysis depends on nothing but the word and the vocabulary, so it is cached per word (the
 * vocabulary changes only when documents are indexed: this engine drops the cache then, and
 * entries expire after ANALYSIS_TTL_MS for writes made by another process, such as the worker).
 */
export class WordAnalysisCache {
  private readonly entries = new Map<string, { rows: TokenRow[]; at: number }>();
  constructor(private readonly ttlMs = ANALYSIS_TTL_MS, private readonly size = ANALYSIS_CACHE_SIZE) {}

  get(word: string, now: number): TokenRow[] | undefined {
    const entry = this.entries.get(word);
    if (!entry) return undefined;
    if (now - entry.at > this.ttlMs) {
      this.entries.delete(word);
      return undefined;
    }
    // Map order is insertion order: re-inserting keeps the most recently used last.
    this.entries.delete(word);
    this.entries.set(word, entry);
    return entry.rows;
  }

  set(word: string, rows: TokenRow[], now: number): void {
    this.entries.delete(word);
    this.entries.set(word, { rows, at: now });
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

async function analyseWords(db: Executor, words: readonly string[]): Promise<Map<number, TokenRow[]>> {
  const found = await rows<TokenRow & { src: number }>(
    db,
    sql`
      SELECT src.i::int AS src, t.ord::int AS ord, t.token, stem.lexeme, known.known, fix.word, fix.lexeme AS suggestion
      FROM unnest(${textArray(words)}) WITH ORDINALITY AS src(word, i)
      CROSS JOIN LATERAL regexp_split_to_table(lower(f_unaccent(src.word)), '[^a-z0-9]+') WITH ORDINALITY AS t(token, ord)
      CROSS JOIN LATERAL (SELECT (ts_lexize('french_stem', t.token))[1] AS lexeme, show_trgm(t.token) AS grams) stem
      -- LIMIT 1 keeps these two lookups on their indexes (without it the planner hashes the whole vocabulary).
      CROSS JOIN LATERAL (SELECT (SELECT TRUE FROM search_vocabulary v WHERE v.lexeme = stem.lexeme LIMIT 1) IS NOT NULL AS known) known
      LEFT JOIN LATERAL (
        SELECT best.word, (SELECT v.lexeme FROM search_vocabulary v WHERE v.word = best.word LIMIT 1) AS lexeme
        FROM (
          -- Lossless prefilter: similarity >= s needs at least s/(1+s) of the token's trigrams;
          -- similarity() then runs on those candidates only.
          SELECT g.word, similarity(g.word, t.token) AS sim FROM search_vocabulary_trigrams g
          WHERE NOT known.known AND length(t.token) >= ${MIN_CORRECTED_LENGTH}::int AND g.trigram = ANY(stem.grams)
          GROUP BY g.word
          HAVING count(*) >= ceil(cardinality(stem.grams) * ${SIMILARITY / (1 + SIMILARITY)}::float8)
        ) best
        WHERE best.sim >= ${SIMILARITY}::float8
        ORDER BY best.sim DESC, best.word
        LIMIT 1
      ) fix ON TRUE
      WHERE t.token <> ''
      ORDER BY src.i, t.ord`,
  );
  const byWord = new Map<number, TokenRow[]>();
  for (const { src, ...row } of found) byWord.set(src - 1, [...(byWord.get(src - 1) ?? []), row]);
  return byWord;
}

async function analyse(db: Executor, q: string, cache = new WordAnalysisCache(), now = Date.now()): Promise<TextPlan | null> {
  const words = queryWords(q);
  const missing = [...new Set(words.filter((w) => cache.get(w, now) === undefined))];
  if (missing.length > 0) {
    const analysed = await analyseWords(db, missing);
    missing.forEach((word, i) => cache.set(word, analysed.get(i) ?? [], now));
  }
  const tokens = words.flatMap((w) => cache.get(w, now) ?? []);
  return planFromTokens(tokens);
}

/** Pure part of the analysis, kept apart so it can be reasoned about (and tested) without SQL. */
export function planFromTokens(tokens: readonly TokenRow[]): TextPlan | null {
  const meaningful = tokens.filter((t) => t.lexeme !== null && lexemePattern.test(t.lexeme) && lexemePattern.test(t.token));
  if (meaningful.length === 0) return null;
  const groups: string[][] = [];
  const terms: string[] = [];
  const shown: string[] = [];
  let corrected = false;
  meaningful.forEach((t, i) => {
    const alternatives = new Set([t.lexeme!]);
    terms.push(t.lexeme!);
    if (!t.known && t.suggestion && lexemePattern.test(t.suggestion)) {
      alternatives.add(t.suggestion);
      terms.push(t.suggestion);
      corrected = true;
      shown.push(t.word ?? t.token);
    } else {
      shown.push(t.token);
    }
    // The last word may still be being typed: "nett" should find "nettoyage".
    if (!t.known && i === meaningful.length - 1 && t.token.length >= 3) {
      alternatives.add(`${t.token}:*`);
      terms.push(t.token);
    }
    groups.push([...alternatives]);
  });
  return { groups, terms, correctedQuery: corrected ? shown.join(" ") : undefined };
}

function tsqueryText(plan: TextPlan, mode: "and" | "or"): string {
  return plan.groups.map((g) => `(${g.join(" | ")})`).join(mode === "and" ? " & " : " | ");
}

// ---------------------------------------------------------------------------------------------
// The search statement.

type Conditions = Record<FacetName | "verified", SQL | null>;

function filterConditions(filters: SearchFilters | undefined, alias = "m"): Conditions {
  const f = filters ?? {};
  const list = (values: string[] | undefined) => (values && values.length > 0 ? values : null);
  const anyOf = (column: string, values: string[] | undefined) => {
    const v = list(values);
    return v ? sql`${sql.raw(alias)}.${sql.raw(column)} = ANY(${textArray(v)})` : null;
  };
  const overlaps = (column: string, values: string[] | undefined) => {
    const v = list(values);
    return v ? sql`${sql.raw(alias)}.${sql.raw(column)} && ${textArray(v)}` : null;
  };
  return {
    categories: overlaps("categories", f.categories),
    labels: overlaps("labels", f.labels),
    qpv: anyOf("qpv_code", f.qpv),
    communes: anyOf("commune_insee", f.communes),
    epcis: anyOf("epci_siren", f.epcis),
    departments: anyOf("department_code", f.departments),
    verified: f.verifiedQpvOnly ? sql`${sql.raw(alias)}.qpv_status = 'verified'` : null,
  };
}

function allBut(conditions: Conditions, except: keyof Conditions | null): SQL {
  const parts = (Object.keys(conditions) as (keyof Conditions)[])
    .filter((k) => k !== except)
    .map((k) => conditions[k])
    .filter((c): c is SQL => c !== null);
  return parts.length === 0 ? sql`TRUE` : sql.join(parts, sql` AND `);
}

function hasOtherConditions(conditions: Conditions, except: keyof Conditions | "none"): boolean {
  return (Object.keys(conditions) as (keyof Conditions)[]).some((k) => k !== except && conditions[k] !== null);
}

const facetColumns: Record<FacetName, { column: string; array: boolean }> = {
  categories: { column: "categories", array: true },
  labels: { column: "labels", array: true },
  qpv: { column: "qpv_code", array: false },
  communes: { column: "commune_insee", array: false },
  epcis: { column: "epci_siren", array: false },
  departments: { column: "department_code", array: false },
};

/**
 * Counts of one facet with every other filter applied (disjunctive faceting): its top values,
 * plus the selected ones wherever they rank.
 */
/** The top values of counted facet rows (facet, value, n), plus the selected ones wherever they rank. */
function facetTop(grouped: SQL, selected: readonly string[]): SQL {
  const best = sql`(SELECT * FROM (${grouped}) g ORDER BY g.n DESC, g.value LIMIT ${FACET_LIMIT}::int)`;
  return selected.length === 0 ? best : sql`${best} UNION (SELECT * FROM (${grouped}) g WHERE g.value = ANY(${textArray(selected)}))`;
}

function facetCounts(facet: FacetName, conditions: Conditions, cached: boolean, selected: readonly string[]): SQL {
  const top = (grouped: SQL) => facetTop(grouped, selected);
  if (cached) return top(sql`SELECT facet, value, count AS n FROM search_facet_counts WHERE facet = ${facet}`);
  const { column, array } = facetColumns[facet];
  const others = allBut(conditions, facet);
  return top(
    array
      ? sql`SELECT ${facet}::text AS facet, v AS value, count(*)::int AS n FROM m CROSS JOIN LATERAL unnest(m.${sql.raw(column)}) v WHERE cardinality(m.${sql.raw(column)}) > 0 AND ${others} GROUP BY v`
      : sql`SELECT ${facet}::text AS facet, m.${sql.raw(column)} AS value, count(*)::int AS n FROM m WHERE m.${sql.raw(column)} IS NOT NULL AND ${others} GROUP BY m.${sql.raw(column)}`,
  );
}

function orderBy(query: SearchQuery, hasText: boolean): SQL {
  const sort = query.sort ?? "relevance";
  if (sort === "distance" && query.near) return sql`m.chord2 ASC NULLS LAST, m.score DESC, m.id`;
  // NULLS LAST as in the btree indexes, so a filter-only page is read from the index in order.
  if (sort === "newest") return sql`m.created_at DESC NULLS LAST, m.id`;
  return hasText
    ? sql`m.score DESC, m.completeness DESC NULLS LAST, m.created_at DESC NULLS LAST, m.id`
    : sql`m.completeness DESC NULLS LAST, m.created_at DESC NULLS LAST, m.id`;
}

/** earthdistance's earth(): the radius ll_to_earth and earth_distance use. */
const EARTH_RADIUS_M = 6378168;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Squared chord between a row and the point on the unit sphere: the same geometry as
 * earth_distance (cube_distance of ll_to_earth, then sec_to_gc), in plain arithmetic on the row's
 * lat/lon with the point's coordinates computed here, so that nothing but built-in float
 * functions runs per row. The order of chords is the order of distances.
 */
function chordSquared(point: { lat: number; lon: number }): SQL {
  const [lat, lon] = [radians(point.lat), radians(point.lon)];
  const [x, y, z] = [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
  // pos is point(lon, lat): pos[0] the longitude, pos[1] the latitude (read from the covering index).
  return sql`((cos(radians(d.pos[1])) * cos(radians(d.pos[0])) - ${x}::float8) ^ 2 + (cos(radians(d.pos[1])) * sin(radians(d.pos[0])) - ${y}::float8) ^ 2 + (sin(radians(d.pos[1])) - ${z}::float8) ^ 2)`;
}

/**
 * The (lon, lat) box around a spherical cap: latitude ± the angle, longitude ± asin(sin(angle)/cos(lat)).
 * A cap over a pole or across the antimeridian gets every longitude (a superset, still exact after the chord test).
 */
export function boundingBox(point: { lat: number; lon: number }, meters: number): { minLon: number; minLat: number; maxLon: number; maxLat: number } {
  const angle = meters / EARTH_RADIUS_M;
  const degrees = (r: number) => (r * 180) / Math.PI;
  const margin = 1e-9;
  const minLat = point.lat - degrees(angle) - margin;
  const maxLat = point.lat + degrees(angle) + margin;
  if (minLat <= -90 || maxLat >= 90 || angle >= Math.PI / 2) return { minLon: -180, minLat: Math.max(-90, minLat), maxLon: 180, maxLat: Math.min(90, maxLat) };
  const dLon = degrees(Math.asin(Math.min(1, Math.sin(angle) / Math.cos(radians(point.lat))))) + margin;
  if (point.lon - dLon < -180 || point.lon + dLon > 180) return { minLon: -180, minLat, maxLon: 180, maxLat };
  return { minLon: point.lon - dLon, minLat, maxLon: point.lon + dLon, maxLat };
}

/** The squared unit chord of a great-circle distance in metres. */
function maxChordSquared(meters: number): number {
  return (2 * Math.sin(Math.min(Math.PI / 2, meters / (2 * EARTH_RADIUS_M)))) ** 2;
}

type Statement = { sql: SQL; usesCache: boolean };

function searchStatement(query: SearchQuery, tsquery: string | null): Statement {
  const { perPage, offset } = pagination(query);
  const conditions = filterConditions(query.filters);
  const near = query.near;
  const chord = near ? chordSquared(near) : null;
  const tsq = tsquery === null ? null : sql`to_tsquery('simple', ${tsquery})`;
  const where: SQL[] = [];
  if (tsq) where.push(sql`d.search_vector @@ ${tsq}`);
  if (near?.radiusKm !== undefined) {
    const box = boundingBox(near, near.radiusKm * 1000);
    where.push(
      sql`d.pos <@ box(point(${box.minLon}::float8, ${box.minLat}::float8), point(${box.maxLon}::float8, ${box.maxLat}::float8)) AND ${chord} <= ${maxChordSquared(near.radiusKm * 1000)}::float8`,
    );
  }
  // One filter and no text or radius (the most common filter-only search): rows are read once
  // through that filter's index, its own facet comes from the cache, the others count what was read.
  const active = (Object.keys(conditions) as (keyof Conditions)[]).filter((k) => conditions[k] !== null);
  const soleFilter = where.length === 0 && active.length === 1 ? active[0]! : null;
  if (soleFilter) where.push(filterConditions(query.filters, "d")[soleFilter]!);
  const narrowed = where.length > 0;
  const cacheable = where.length === 0 || soleFilter !== null;
  // Without text or radius every facet is counted over the whole index: reuse the cached counts.
  const cachedFacet = (facet: FacetName) => cacheable && !hasOtherConditions(conditions, facet);
  const wantFacets = query.facets !== false;
  const noConditions = !hasOtherConditions(conditions, "none");
  const usesCache = cacheable && (noConditions || (wantFacets && (facetNames.some(cachedFacet) || !hasOtherConditions(conditions, "verified"))));
  const score = tsq ? sql`ts_rank(d.search_vector, ${tsq})` : sql`0::real`;
  const distance = chord ?? sql`NULL::float8`;
  const all = allBut(conditions, null);
  // One pass over the matches counts the total, the verified ones and every scalar facet that is
  // counted with all the filters (GROUPING SETS: one read of the rows instead of one per facet).
  const cachedVerified = cacheable && !hasOtherConditions(conditions, "verified");
  // Array facets join the pass by their first element; the rare further elements are unnested apart.
  const onePass = wantFacets ? facetNames.filter((f) => !cachedFacet(f) && conditions[f] === null) : [];
  const passKey = (f: FacetName) => sql.raw(facetColumns[f].array ? `m.${facetColumns[f].column}[1]` : `m.${facetColumns[f].column}`);
  const verifiedInPass = wantFacets && !cachedVerified && conditions.verified === null;
  const totalFromCache = !narrowed && noConditions;
  const passSets = [
    ...onePass.map((f) => sql`(${passKey(f)})`),
    ...(verifiedInPass ? [sql`(m.qpv_status)`] : []),
    sql`()`,
  ];
  const passFacet = sql.join(
    [
      ...onePass.map((f) => sql`WHEN GROUPING(${passKey(f)}) = 0 THEN ${f}`),
      ...(verifiedInPass ? [sql`WHEN GROUPING(m.qpv_status) = 0 THEN 'status'`] : []),
    ],
    sql` `,
  );
  const passValue = [...onePass.map(passKey), ...(verifiedInPass ? [sql`m.qpv_status`] : [])];
  const pass = sql`
    SELECT ${passSets.length > 1 ? sql`CASE ${passFacet} ELSE 'total' END` : sql`'total'`}::text AS facet,
      ${passValue.length > 0 ? sql`coalesce(${sql.join(passValue, sql`, `)})` : sql`NULL`}::text AS value, count(*)::int AS n
    FROM m WHERE ${all}
    GROUP BY GROUPING SETS (${sql.join(passSets, sql`, `)})`;
  const fromPass = (facet: FacetName) => {
    const first = sql`SELECT facet, value, n FROM pass WHERE facet = ${facet} AND value IS NOT NULL`;
    if (!facetColumns[facet].array) return first;
    const column = sql.raw(`m.${facetColumns[facet].column}`);
    return sql`SELECT facet, value, sum(n)::int AS n FROM (${first}
      UNION ALL SELECT ${facet}::text, v, count(*)::int FROM m CROSS JOIN LATERAL unnest(${column}[2:]) v WHERE cardinality(${column}) > 1 AND ${all} GROUP BY v
    ) x GROUP BY facet, value`;
  };
  const facetParts = wantFacets
    ? [
        ...facetNames.map((f) => (onePass.includes(f) ? facetTop(fromPass(f), query.filters?.[facetFilterKey[f]] ?? []) : facetCounts(f, conditions, cachedFacet(f), query.filters?.[facetFilterKey[f]] ?? []))),
        cachedVerified
          ? sql`SELECT facet, value, count FROM search_facet_counts WHERE facet = 'verifiedQpv'`
          : verifiedInPass
            ? sql`SELECT 'verifiedQpv', '', coalesce((SELECT n FROM pass WHERE facet = 'status' AND value = 'verified'), 0)`
            : sql`SELECT 'verifiedQpv', '', count(*)::int FROM m WHERE m.qpv_status = 'verified' AND ${allBut(conditions, "verified")}`,
      ]
    : [];
  const total = totalFromCache ? sql`SELECT count FROM search_facet_counts WHERE facet = 'total'` : sql`SELECT coalesce((SELECT n FROM pass WHERE facet = 'total'), 0)`;
  const statement = sql`
    WITH m AS ${narrowed ? sql`MATERIALIZED` : sql`NOT MATERIALIZED`} (
      SELECT d.id, d.categories, d.labels, d.qpv_code, d.qpv_status, d.commune_insee, d.epci_siren, d.department_code,
        d.completeness, d.created_at, ${score} AS score, ${distance} AS chord2
      FROM search_documents d
      WHERE ${where.length > 0 ? sql.join(where, sql` AND `) : sql`TRUE`}
    ),
    pass AS MATERIALIZED (${totalFromCache ? sql`SELECT NULL::text AS facet, NULL::text AS value, 0 AS n WHERE FALSE` : pass}),
    page AS (
      SELECT m.id, m.score, CASE WHEN m.chord2 IS NOT NULL THEN ${EARTH_RADIUS_M * 2}::float8 * asin(least(1, sqrt(m.chord2) / 2)) END AS distance_m, row_number() OVER () AS rn
      FROM (SELECT * FROM m WHERE ${all} ORDER BY ${orderBy(query, tsq !== null)} LIMIT ${perPage}::int OFFSET ${offset}::int) m
    ),
    counts AS (${facetParts.length > 0 ? sql.join(facetParts.map((part) => sql`(${part})`), sql` UNION ALL `) : sql`SELECT NULL::text AS facet, NULL::text AS value, 0 AS n WHERE FALSE`}),
    chosen AS (
      -- Labels looked up by key for the few values kept, never joined over every value.
      SELECT c.facet, c.value, c.n, coalesce((SELECT l.label FROM search_facet_labels l WHERE l.facet = c.facet AND l.value = c.value), c.value) AS label
      FROM counts c
    )
    SELECT
      (${total}) AS total,
      (SELECT coalesce(json_agg(json_build_object('score', p.score, 'distance', p.distance_m, 'doc', d.doc) ORDER BY p.rn), '[]'::json)
         FROM page p JOIN search_payloads d ON d.id = p.id) AS hits,
      (SELECT coalesce(json_agg(json_build_object('facet', c.facet, 'value', c.value, 'count', c.n, 'label', c.label) ORDER BY c.facet, c.n DESC, c.value), '[]'::json)
         FROM chosen c) AS facets`;
  return { sql: statement, usesCache };
}

// ---------------------------------------------------------------------------------------------
// Mapping.

type RawHit = { score: number; distance: number | null; doc: SupplierSearchDocument };
type RawFacet = { facet: FacetName | "verifiedQpv"; value: string; count: number; label: string };
type RawResult = { total: number | null; hits: RawHit[] | string; facets: RawFacet[] | string };

function parsed<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

function toHit(raw: RawHit, terms: readonly string[]): SearchHit {
  return {
    document: raw.doc,
    distanceKm: raw.distance === null ? null : Math.round(raw.distance) / 1000,
    score: raw.score,
    highlights: {
      name: highlightTerms(raw.doc.name, terms),
      description: highlightTerms(cropText(raw.doc.description, terms), terms),
    },
  };
}

/** Selected values absent from the counts still show, with 0, so they can be unticked. */
function withSelected(result: SearchResult, filters: SearchFilters | undefined, labels: Map<string, string>): void {
  for (const facet of facetNames) {
    for (const value of filters?.[facetFilterKey[facet]] ?? []) {
      if (!result.facets[facet].some((f) => f.value === value)) {
        result.facets[facet].push({ value, label: labels.get(`${facet}\u0000${value}`) ?? value, count: 0 });
      }
    }
  }
}

export function createPostgresEngine(db: Executor): SearchEngine {
  const words = new WordAnalysisCache();
  async function ensureFacetCache(): Promise<void> {
    const [row] = await rows<{ ok: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM search_facet_counts WHERE facet = 'total') AS ok`);
    if (!row?.ok) await db.execute(refreshFacetCache);
  }

  async function run(query: SearchQuery, tsquery: string | null): Promise<RawResult> {
    const statement = searchStatement(query, tsquery);
    if (statement.usesCache) await ensureFacetCache();
    const [row] = await rows<RawResult>(db, statement.sql);
    return row ?? { total: 0, hits: [], facets: [] };
  }

  /** Labels of the selected values the counts did not return (one query, only when needed). */
  async function missingLabels(result: SearchResult, filters: SearchFilters | undefined): Promise<Map<string, string>> {
    const wanted = facetNames.flatMap((f) =>
      (filters?.[facetFilterKey[f]] ?? []).filter((v) => !result.facets[f].some((x) => x.value === v)).map((v) => [f, v]),
    );
    if (wanted.length === 0) return new Map();
    const found = await rows<{ facet: string; value: string; label: string }>(
      db,
      sql`SELECT facet, value, label FROM search_facet_labels WHERE (facet, value) IN (SELECT e->>0, e->>1 FROM jsonb_array_elements(${JSON.stringify(wanted)}::jsonb) e)`,
    );
    return new Map(found.map((r) => [`${r.facet}\u0000${r.value}`, r.label]));
  }

  return {
    name: "postgres",

    async setup() {
      // The tables and indexes come with the migrations; this only checks they are there.
      await db.execute(sql`SELECT 1 FROM search_documents LIMIT 0`);
    },

    async index(docs) {
      words.clear();
      const unique = dedupe(docs);
      for (let i = 0; i < unique.length; i += INDEX_CHUNK) {
        await db.execute(upsertStatement(unique.slice(i, i + INDEX_CHUNK)));
      }
    },

    async remove(ids) {
      words.clear();
      const valid = ids.filter((id) => uuidPattern.test(id));
      if (valid.length === 0) return;
      await db.execute(sql`
        WITH gone AS (DELETE FROM search_documents WHERE id = ANY(${textArray(valid)}::uuid[]) RETURNING 1)
        DELETE FROM search_facet_counts`);
    },

    async clear() {
      words.clear();
      await db.execute(sql`TRUNCATE search_documents, search_payloads, search_vocabulary, search_vocabulary_trigrams, search_facet_labels, search_facet_counts`);
    },

    async count() {
      const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_documents`);
      return row?.n ?? 0;
    },

    async search(query) {
      const { page, perPage } = pagination(query);
      const plan = query.q ? await analyse(db, query.q, words) : null;
      let raw = await run(query, plan ? tsqueryText(plan, "and") : null);
      // Every word must match first; when nothing does, any word may (the best ones rank first).
      if (plan && plan.groups.length > 1 && Number(raw.total ?? 0) === 0) raw = await run(query, tsqueryText(plan, "or"));
      const total = Number(raw.total ?? 0);
      const result: SearchResult = {
        total,
        page,
        perPage,
        pages: Math.ceil(total / perPage),
        hits: parsed(raw.hits).map((h) => toHit(h, plan?.terms ?? [])),
        facets: emptyFacets(),
        engine: "postgres",
        ...(plan?.correctedQuery ? { correctedQuery: plan.correctedQuery } : {}),
      };
      for (const f of parsed(raw.facets)) {
        if (f.facet === "verifiedQpv") result.facets.verifiedQpv = Number(f.count);
        else result.facets[f.facet].push({ value: f.value, label: f.label, count: Number(f.count) });
      }
      if (query.facets !== false) withSelected(result, query.filters, await missingLabels(result, query.filters));
      return result;
    },
  };
}
