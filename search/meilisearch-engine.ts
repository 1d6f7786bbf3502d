import { Meilisearch, type FacetDistribution, type Hit, type MultiSearchQuery, type SearchResponse, type Settings } from "meilisearch";
import { segmentsFromTagged } from "./highlight";
import {
  FACET_LIMIT,
  emptyFacets,
  facetFilterKey,
  facetLabels as facetLabelsOf,
  facetNames,
  pagination,
  type FacetName,
  type FacetValue,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SupplierSearchDocument,
} from "./types";

export const DEFAULT_INDEX_UID = "suppliers";
/** Control characters as highlight tags: they cannot occur in a supplier's text. */
export const PRE_TAG = "\u0001";
export const POST_TAG = "\u0002";
const LABEL_SEPARATOR = "\u001f";
const INDEX_CHUNK = 10_000;

/** What Meilisearch stores: the document, plus a sortable date, `_geo`, and "value␟label" facet fields. */
export type MeiliDocument = SupplierSearchDocument & {
  createdAtTs: number;
  _geo: { lat: number; lng: number } | null;
} & Record<`${FacetName}Facet`, string[]>;

/** Which document field each facet filters on. */
const filterField: Record<FacetName, keyof SupplierSearchDocument> = {
  categories: "categories",
  qpv: "qpvCode",
  communes: "communeInsee",
  epcis: "epciSiren",
  departments: "departmentCode",
  labels: "labels",
};

/** Same order as the Postgres weights: name A; categories, services, NAF, labels B; text and places C. */
export const meiliSettings: Settings = {
  searchableAttributes: [
    "name",
    "legalName",
    "categoryLabels",
    "services",
    "nafLabel",
    "labelNames",
    "description",
    "communeName",
    "postalCode",
    "departmentName",
    "epciName",
    "qpvName",
  ],
  filterableAttributes: [...Object.values(filterField), "qpvStatus", "_geo", ...facetNames.map((f) => `${f}Facet`)],
  sortableAttributes: ["createdAtTs", "completeness", "_geo"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "completeness:desc"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { "*": "count" } },
  pagination: { maxTotalHits: 100_000 },
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["fra"] }],
};

export function toMeiliDocument(doc: SupplierSearchDocument): MeiliDocument {
  const facets = Object.fromEntries(facetNames.map((f) => [`${f}Facet`, [] as string[]])) as Record<`${FacetName}Facet`, string[]>;
  for (const { facet, value, label } of facetLabelsOf(doc)) facets[`${facet}Facet`].push(`${value}${LABEL_SEPARATOR}${label}`);
  return {
    ...doc,
    ...facets,
    createdAtTs: Date.parse(doc.createdAt),
    _geo: doc.lat !== null && doc.lon !== null ? { lat: doc.lat, lng: doc.lon } : null,
  };
}

const documentKeys: (keyof SupplierSearchDocument)[] = [
  "id", "slug", "siret", "name", "legalName", "description", "services", "categories", "categoryLabels", "nafCode", "nafLabel",
  "labels", "labelNames", "communeInsee", "communeName", "postalCode", "departmentCode", "departmentName", "epciSiren", "epciName",
  "qpvCode", "qpvName", "qpvStatus", "lat", "lon", "completeness", "createdAt",
];

export function fromMeiliDocument(hit: Record<string, unknown>): SupplierSearchDocument {
  return Object.fromEntries(documentKeys.map((k) => [k, hit[k] ?? null])) as SupplierSearchDocument;
}

// ---------------------------------------------------------------------------------------------
// Filters.

/** A Meilisearch string literal: double quotes, with `\` and `"` escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function inList(field: string, values: readonly string[]): string {
  return `${field} IN [${values.map(quote).join(", ")}]`;
}

/** The filter expression, leaving out one facet's own filter for its disjunctive counts. */
export function buildFilter(query: Pick<SearchQuery, "filters" | "near">, except: FacetName | "verified" | null = null): string {
  const f: SearchFilters = query.filters ?? {};
  const parts: string[] = [];
  for (const facet of facetNames) {
    const values = f[facetFilterKey[facet]];
    if (facet !== except && values && values.length > 0) parts.push(inList(filterField[facet], values));
  }
  if (f.verifiedQpvOnly && except !== "verified") parts.push(`qpvStatus = "verified"`);
  if (query.near?.radiusKm !== undefined) {
    parts.push(`_geoRadius(${Number(query.near.lat)}, ${Number(query.near.lon)}, ${Math.round(Number(query.near.radiusKm) * 1000)})`);
  }
  return parts.join(" AND ");
}

function sortFor(query: SearchQuery): string[] | undefined {
  if (query.sort === "distance" && query.near) return [`_geoPoint(${Number(query.near.lat)}, ${Number(query.near.lon)}):asc`];
  if (query.sort === "newest") return ["createdAtTs:desc"];
  return undefined;
}

/**
 * One multi-search: the page with every filter, then, for each facet that has a selected value,
 * a count-only query without that facet's own filter (disjunctive faceting).
 */
export function buildQueries(query: SearchQuery, indexUid: string): MultiSearchQuery[] {
  const { page, perPage } = pagination(query);
  const wantFacets = query.facets !== false;
  const f = query.filters ?? {};
  const selected = facetNames.filter((facet) => (f[facetFilterKey[facet]] ?? []).length > 0);
  const base = { indexUid, q: query.q ?? "" };
  const main: MultiSearchQuery = {
    ...base,
    filter: buildFilter(query) || undefined,
    sort: sortFor(query),
    page,
    hitsPerPage: perPage,
    showRankingScore: true,
    attributesToHighlight: ["name", "description"],
    attributesToCrop: ["description"],
    cropLength: 40,
    highlightPreTag: PRE_TAG,
    highlightPostTag: POST_TAG,
    facets: wantFacets ? [...facetNames.filter((x) => !selected.includes(x)).map((x) => `${x}Facet`), ...(f.verifiedQpvOnly ? [] : ["qpvStatus"])] : undefined,
  };
  if (!wantFacets) return [main];
  const counts: MultiSearchQuery[] = selected.map((facet) => ({ ...base, filter: buildFilter(query, facet) || undefined, facets: [`${facet}Facet`], hitsPerPage: 0, page: 1 }));
  if (f.verifiedQpvOnly) counts.push({ ...base, filter: buildFilter(query, "verified") || undefined, facets: ["qpvStatus"], hitsPerPage: 0, page: 1 });
  return [main, ...counts];
}

// ---------------------------------------------------------------------------------------------
// Results.

function facetValues(distribution: Record<string, number>, selected: readonly string[]): FacetValue[] {
  const all = Object.entries(distribution).map(([key, count]) => {
    const [value, label] = key.split(LABEL_SEPARATOR) as [string, string | undefined];
    return { value, label: label ?? value, count };
  });
  all.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const kept = all.filter((v, i) => i < FACET_LIMIT || selected.includes(v.value));
  for (const value of selected) if (!kept.some((v) => v.value === value)) kept.push({ value, label: value, count: 0 });
  return kept;
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function toHit(hit: Hit<Record<string, unknown>>, query: SearchQuery): SearchHit {
  const document = fromMeiliDocument(hit);
  const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
  const text = (key: "name" | "description") => (typeof formatted[key] === "string" ? (formatted[key] as string) : document[key]);
  const geoDistance = typeof hit._geoDistance === "number" ? hit._geoDistance / 1000 : null;
  const distanceKm =
    query.near && document.lat !== null && document.lon !== null
      ? Math.round((geoDistance ?? haversineKm(query.near, { lat: document.lat, lon: document.lon })) * 1000) / 1000
      : null;
  return {
    document,
    distanceKm,
    score: hit._rankingScore ?? 0,
    highlights: { name: segmentsFromTagged(text("name"), PRE_TAG, POST_TAG), description: segmentsFromTagged(text("description"), PRE_TAG, POST_TAG) },
  };
}

type Response = Pick<SearchResponse<Record<string, unknown>>, "hits" | "facetDistribution"> & { totalHits?: number };

/** Maps the multi-search answers (in buildQueries' order) to the engine-neutral result. */
export function mapResults(query: SearchQuery, responses: readonly Response[]): SearchResult {
  const { page, perPage } = pagination(query);
  const [main, ...counts] = responses;
  const total = main?.totalHits ?? 0;
  const facets = emptyFacets();
  if (query.facets !== false && main) {
    const f = query.filters ?? {};
    const selected = facetNames.filter((facet) => (f[facetFilterKey[facet]] ?? []).length > 0);
    const distributions: FacetDistribution = { ...(main.facetDistribution ?? {}) };
    selected.forEach((facet, i) => Object.assign(distributions, { [`${facet}Facet`]: counts[i]?.facetDistribution?.[`${facet}Facet`] ?? {} }));
    const qpvStatus = f.verifiedQpvOnly ? counts[selected.length]?.facetDistribution?.qpvStatus : distributions.qpvStatus;
    for (const facet of facetNames) facets[facet] = facetValues(distributions[`${facet}Facet`] ?? {}, f[facetFilterKey[facet]] ?? []);
    facets.verifiedQpv = qpvStatus?.verified ?? 0;
  }
  return {
    total,
    page,
    perPage,
    pages: Math.ceil(total / perPage),
    hits: (main?.hits ?? []).map((h) => toHit(h, query)),
    facets,
    engine: "meilisearch",
  };
}

// ---------------------------------------------------------------------------------------------

export type MeilisearchOptions = { url: string; apiKey?: string; indexUid?: string };

export function createMeilisearchEngine(options: MeilisearchOptions): SearchEngine {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const uid = options.indexUid ?? DEFAULT_INDEX_UID;
  const index = () => client.index<MeiliDocument>(uid);

  /** Meilisearch writes are asynchronous tasks: wait, and fail loudly when the task failed. */
  async function done(task: { waitTask: (o?: { timeout?: number }) => Promise<{ status: string; error?: { message: string } | null }> }): Promise<void> {
    const result = await task.waitTask({ timeout: 120_000 });
    if (result.status !== "succeeded") throw new Error(`Meilisearch : tâche en échec (${result.error?.message ?? result.status})`);
  }

  return {
    name: "meilisearch",
    async setup() {
      await done(index().updateSettings(meiliSettings));
    },
    async index(docs) {
      for (let i = 0; i < docs.length; i += INDEX_CHUNK) {
        await done(index().addDocuments(docs.slice(i, i + INDEX_CHUNK).map(toMeiliDocument), { primaryKey: "id" }));
      }
    },
    async remove(ids) {
      if (ids.length > 0) await done(index().deleteDocuments([...ids]));
    },
    async clear() {
      await done(index().deleteAllDocuments());
    },
    async count() {
      return (await index().getStats()).numberOfDocuments;
    },
    async search(query) {
      const { results } = await client.multiSearch({ queries: buildQueries(query, uid) });
      return mapResults(query, results as Response[]);
    },
  };
}
