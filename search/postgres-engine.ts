import { sql, type SQL } from "drizzle-orm";
import { rows, type Executor } from "../db/client";
import { cropText, highlightTerms } from "./highlight";
import { MemoryIndex, type IndexedDocument, type MemoryHit } from "./memory-index";
import { parseTsvector } from "./tsvector";
import { emptyFacets, facetLabels, facetNames, pagination, type FacetName, type SearchEngine, type SearchHit, type SupplierSearchDocument } from "./types";

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

/** Writes documents, their words and their facet labels in one statement, under a new revision. */
function upsertStatement(docs: readonly SupplierSearchDocument[]): SQL {
  return sql`
    WITH revision AS (SELECT nextval('search_revision_seq') AS r),
    input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(docs.map(indexRow))}::jsonb) AS r(
        id uuid, doc jsonb, name text, description text, a text, b text, c text, categories text[], labels text[],
        qpv_code text, qpv_status text, commune_insee text, department_code text, epci_siren text,
        lat float8, lon float8, completeness real, created_at timestamptz)
    ),
    docs AS (
      INSERT INTO search_documents (revision, id, name, description, search_vector, search_text, categories, labels, qpv_code,
        qpv_status, commune_insee, department_code, epci_siren, lat, lon, completeness, created_at)
      SELECT (SELECT r FROM revision), id, name, description,
        setweight(to_tsvector('french', f_unaccent(a)), 'A')
          || setweight(to_tsvector('french', f_unaccent(b)), 'B')
          || setweight(to_tsvector('french', f_unaccent(c)), 'C'),
        lower(f_unaccent(a)), categories, labels, qpv_code, qpv_status, commune_insee, department_code, epci_siren,
        lat, lon, completeness, created_at
      FROM input
      ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, name = excluded.name, description = excluded.description,
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
    SELECT 1`;
}

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

// ---------------------------------------------------------------------------------------------
// The in-memory copy: caught up with search_documents before each search.

/** Writers take this lock until they commit, so revisions become visible in order (see catchUp). */
const WRITE_LOCK = sql`SELECT pg_advisory_xact_lock(7310042)`;
const LOAD_CHUNK = 5000;

type StoredRow = {
  docno: number;
  id: string;
  vector: string;
  categories: string[] | string;
  labels: string[] | string;
  qpv_code: string | null;
  qpv_status: string;
  commune_insee: string | null;
  epci_siren: string | null;
  department_code: string | null;
  lat: number | null;
  lon: number | null;
  completeness: number;
  created: number;
  revision: number;
};

function parsed<T>(value: T | string): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : value;
}

function toIndexed(row: StoredRow): IndexedDocument {
  return {
    docno: Number(row.docno),
    id: row.id,
    terms: parseTsvector(row.vector),
    categories: parsed(row.categories),
    labels: parsed(row.labels),
    qpvCode: row.qpv_code,
    qpvStatus: row.qpv_status,
    communeInsee: row.commune_insee,
    epciSiren: row.epci_siren,
    departmentCode: row.department_code,
    lat: row.lat === null ? null : Number(row.lat),
    lon: row.lon === null ? null : Number(row.lon),
    completeness: Number(row.completeness),
    createdAt: Number(row.created),
  };
}

/**
 * Keeps a MemoryIndex equal to search_documents. Every write takes a new revision from
 * search_revision_seq under WRITE_LOCK, held until the writer commits: once a revision is
 * visible, every smaller one is too, so reading `revision > held` misses nothing. Removals are
 * logged in search_removals (a row without docno is a clear).
 */
class MemoryCopy {
  index = new MemoryIndex();
  /** The newest revision applied; -1 before the first load (rows older than the revision log have revision 0). */
  private held = -1;
  private pending: Promise<void> | null = null;

  constructor(private readonly db: Executor) {}

  catchUp(): Promise<void> {
    this.pending ??= this.read().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async read(): Promise<void> {
    const [sequence] = await rows<{ last: number; called: boolean }>(this.db, sql`SELECT last_value::float8 AS last, is_called AS called FROM search_revision_seq`);
    if (this.held >= 0 && (!sequence?.called || Number(sequence.last) <= this.held)) return;
    const removals = await rows<{ revision: number; docno: number | null }>(
      this.db,
      sql`SELECT revision::float8 AS revision, docno FROM search_removals WHERE revision > ${this.held}::bigint ORDER BY revision`,
    );
    // A clear, a change touching many documents (a reindex) or an index full of old versions is
    // read again whole: removing a document from a long posting costs a scan of it.
    let rebuild = this.held < 0 || removals.some((r) => r.docno === null) || this.index.deadTerms > 1_000_000;
    if (!rebuild) {
      const [changed] = await rows<{ n: number }>(this.db, sql`SELECT count(*)::int AS n FROM search_documents WHERE revision > ${this.held}::bigint`);
      rebuild = Number(changed?.n ?? 0) > Math.max(1000, this.index.count / 10);
    }
    const target = rebuild ? new MemoryIndex() : this.index;
    let newest = this.held;
    for (const removal of removals) {
      // Document numbers are never reused, so a removal never hides a later write.
      if (!rebuild && removal.docno !== null) target.remove(Number(removal.docno));
      newest = Math.max(newest, Number(removal.revision));
    }
    for (let after = 0; ; ) {
      const chunk = await rows<StoredRow>(
        this.db,
        sql`SELECT docno, id::text AS id, search_vector::text AS vector, array_to_json(categories) AS categories, array_to_json(labels) AS labels,
              qpv_code, qpv_status, commune_insee, epci_siren, department_code, lat, lon, completeness::float8 AS completeness,
              (extract(epoch FROM created_at) * 1000)::float8 AS created, revision::float8 AS revision
            FROM search_documents
            -- A rebuild reads everything in docno order (its index); otherwise only what changed.
            WHERE ${rebuild ? sql`TRUE` : sql`revision > ${this.held}::bigint`} AND docno > ${after}::int ORDER BY docno LIMIT ${LOAD_CHUNK}::int`,
      );
      for (const row of chunk) {
        target.upsert(toIndexed(row));
        newest = Math.max(newest, Number(row.revision));
      }
      if (chunk.length < LOAD_CHUNK) break;
      after = Number(chunk.at(-1)!.docno);
    }
    this.index = target;
    this.held = Math.max(newest, 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Mapping.

function toHit(doc: SupplierSearchDocument, hit: MemoryHit, terms: readonly string[]): SearchHit {
  return {
    document: doc,
    distanceKm: hit.distanceM === null ? null : Math.round(hit.distanceM) / 1000,
    score: hit.score,
    highlights: {
      name: highlightTerms(doc.name, terms),
      description: highlightTerms(cropText(doc.description, terms), terms),
    },
  };
}

/** The documents of a page and the labels of the facet values shown, in one round trip. */
async function pageDetails(db: Executor, ids: readonly string[], values: readonly [FacetName, string][]) {
  const [row] = await rows<{ docs: Record<string, SupplierSearchDocument> | string; labels: [string, string, string | null][] | string }>(
    db,
    sql`SELECT
      (SELECT coalesce(json_object_agg(p.id, p.doc), '{}'::json) FROM search_payloads p WHERE p.id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid))) AS docs,
      (SELECT coalesce(json_agg(json_build_array(e->>0, e->>1, (SELECT l.label FROM search_facet_labels l WHERE l.facet = e->>0 AND l.value = e->>1))), '[]'::json)
         FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) e) AS labels`,
  );
  const labels = new Map<string, string>();
  for (const [facet, value, label] of parsed(row?.labels ?? [])) if (label !== null) labels.set(`${facet}\u0000${value}`, label);
  return { docs: parsed(row?.docs ?? {}), labels };
}

export function createPostgresEngine(db: Executor): SearchEngine {
  const words = new WordAnalysisCache();
  const copy = new MemoryCopy(db);

  async function write(statement: SQL): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.execute(WRITE_LOCK);
      await tx.execute(statement);
    });
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
      for (let i = 0; i < unique.length; i += INDEX_CHUNK) await write(upsertStatement(unique.slice(i, i + INDEX_CHUNK)));
    },

    async remove(ids) {
      words.clear();
      const valid = ids.filter((id) => uuidPattern.test(id));
      if (valid.length === 0) return;
      await write(sql`
        WITH gone AS (DELETE FROM search_documents WHERE id = ANY(${textArray(valid)}::uuid[]) RETURNING docno)
        INSERT INTO search_removals (revision, docno) SELECT (SELECT nextval('search_revision_seq')), docno FROM gone`);
    },

    async clear() {
      words.clear();
      await db.transaction(async (tx) => {
        await tx.execute(WRITE_LOCK);
        await tx.execute(sql`TRUNCATE search_documents, search_payloads, search_vocabulary, search_vocabulary_trigrams, search_facet_labels, search_removals`);
        await tx.execute(sql`INSERT INTO search_removals (revision, docno) VALUES (nextval('search_revision_seq'), NULL)`);
      });
    },

    async count() {
      const [row] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM search_documents`);
      return row?.n ?? 0;
    },

    async search(query) {
      const { page, perPage, offset } = pagination(query);
      const wantFacets = query.facets !== false;
      const [plan] = await Promise.all([query.q ? analyse(db, query.q, words) : null, copy.catchUp()]);
      const ask = (mode: "and" | "or") =>
        copy.index.search({ text: plan ? { groups: plan.groups, mode } : null, filters: query.filters, near: query.near, sort: query.sort, offset, limit: perPage, facets: wantFacets });
      let found = ask("and");
      // Every word must match first; when nothing does, any word may (the best ones rank first).
      if (plan && plan.groups.length > 1 && found.total === 0) found = ask("or");
      const shown = wantFacets ? facetNames.flatMap((f) => found.facets[f].map((v): [FacetName, string] => [f, v.value])) : [];
      const details = await pageDetails(db, found.hits.map((h) => h.id), shown);
      const facets = emptyFacets();
      if (wantFacets) {
        facets.verifiedQpv = found.verifiedQpv;
        for (const f of facetNames) facets[f] = found.facets[f].map((v) => ({ ...v, label: details.labels.get(`${f}\u0000${v.value}`) ?? v.value }));
      }
      const hits = found.hits.flatMap((h) => (details.docs[h.id] ? [toHit(details.docs[h.id]!, h, plan?.terms ?? [])] : []));
      return {
        total: found.total,
        page,
        perPage,
        pages: Math.ceil(found.total / perPage),
        hits,
        facets,
        engine: "postgres",
        ...(plan?.correctedQuery ? { correctedQuery: plan.correctedQuery } : {}),
      };
    },
  };
}
