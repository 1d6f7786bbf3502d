/** What the directory search indexes for one supplier: built by the suppliers domain, never read back from its tables. */
export type QpvStatus = "none" | "declared" | "verified" | "rejected";

export type SupplierSearchDocument = {
  id: string /* uuid */;
  slug: string;
  siret: string;
  name: string /* trade name or legal name */;
  legalName: string;
  description: string;
  services: string[] /* titles + short descriptions */;
  categories: string[] /* slugs */;
  categoryLabels: string[];
  nafCode: string | null;
  nafLabel: string | null;
  labels: string[] /* slugs */;
  labelNames: string[];
  communeInsee: string | null;
  communeName: string | null;
  postalCode: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  epciSiren: string | null;
  epciName: string | null;
  qpvCode: string | null;
  qpvName: string | null;
  qpvStatus: QpvStatus;
  lat: number | null;
  lon: number | null;
  completeness: number;
  createdAt: string /* ISO */;
};

export type SearchFilters = {
  categories?: string[];
  qpv?: string[];
  communes?: string[];
  epcis?: string[];
  departments?: string[];
  labels?: string[];
  verifiedQpvOnly?: boolean;
};

export type SearchSort = "relevance" | "distance" | "newest";

export type SearchQuery = {
  q?: string;
  filters?: SearchFilters;
  near?: { lat: number; lon: number; radiusKm?: number };
  sort?: SearchSort;
  page?: number /* 1-based */;
  perPage?: number /* default 20, max 100 */;
  facets?: boolean /* default true */;
};

/** Segments of a text, the matching ones flagged: safe to render without innerHTML. */
export type Highlighted = { text: string; match: boolean }[];

export type SearchHit = {
  document: SupplierSearchDocument;
  distanceKm: number | null;
  score: number;
  highlights: { name: Highlighted; description: Highlighted };
};

export type FacetValue = { value: string; label: string; count: number };

export type FacetName = "categories" | "qpv" | "communes" | "epcis" | "departments" | "labels";

export type SearchFacets = Record<FacetName, FacetValue[]> & { verifiedQpv: number };

export type EngineName = "postgres" | "meilisearch";

export type SearchResult = {
  total: number;
  page: number;
  perPage: number;
  pages: number;
  hits: SearchHit[];
  facets: SearchFacets;
  engine: EngineName;
  correctedQuery?: string;
};

export interface SearchEngine {
  name: EngineName;
  setup(): Promise<void>;
  index(docs: SupplierSearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
}

export const facetNames: readonly FacetName[] = ["categories", "qpv", "communes", "epcis", "departments", "labels"];

/** The filter key that restricts each facet. */
export const facetFilterKey: Record<FacetName, Exclude<keyof SearchFilters, "verifiedQpvOnly">> = {
  categories: "categories",
  qpv: "qpv",
  communes: "communes",
  epcis: "epcis",
  departments: "departments",
  labels: "labels",
};

/** How many values a facet shows (selected values are always added). */
export const FACET_LIMIT = 30;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export function emptyFacets(): SearchFacets {
  return { categories: [], qpv: [], communes: [], epcis: [], departments: [], labels: [], verifiedQpv: 0 };
}

/** Page and page size clamped to what both engines accept. */
export function pagination(query: SearchQuery): { page: number; perPage: number; offset: number } {
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage ?? DEFAULT_PER_PAGE)));
  const page = Math.max(1, Math.floor(query.page ?? 1));
  return { page, perPage, offset: (page - 1) * perPage };
}

/** The labels shown for a facet value, same rule in both engines. */
export function facetLabels(doc: SupplierSearchDocument): { facet: FacetName; value: string; label: string }[] {
  const out: { facet: FacetName; value: string; label: string }[] = [];
  doc.categories.forEach((value, i) => out.push({ facet: "categories", value, label: doc.categoryLabels[i] ?? value }));
  doc.labels.forEach((value, i) => out.push({ facet: "labels", value, label: doc.labelNames[i] ?? value }));
  if (doc.qpvCode) out.push({ facet: "qpv", value: doc.qpvCode, label: doc.qpvName ?? doc.qpvCode });
  if (doc.communeInsee) {
    const name = doc.communeName ?? doc.communeInsee;
    out.push({ facet: "communes", value: doc.communeInsee, label: doc.postalCode ? `${name} (${doc.postalCode})` : name });
  }
  if (doc.epciSiren) out.push({ facet: "epcis", value: doc.epciSiren, label: doc.epciName ?? doc.epciSiren });
  if (doc.departmentCode) {
    out.push({ facet: "departments", value: doc.departmentCode, label: doc.departmentName ? `${doc.departmentCode} — ${doc.departmentName}` : doc.departmentCode });
  }
  return out;
}
