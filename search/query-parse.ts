// The directory's whole state lives in the URL (/fournisseurs?q=…&categorie=…): shareable, bookmarkable,
// and working without JavaScript. Parsing never throws: a value that makes no sense is dropped.
import { DEFAULT_PER_PAGE, type SearchFilters, type SearchQuery, type SearchSort } from "./types";

/** What the URL holds. `near` is a commune (INSEE code): the service resolves it to coordinates. */
export type DirectoryState = {
  q: string;
  filters: SearchFilters;
  near: { insee: string; radiusKm: number | null } | null;
  sort: SearchSort;
  page: number;
};

export const MAX_QUERY_LENGTH = 200;
export const MAX_VALUES_PER_FILTER = 20;
export const RADIUS_CHOICES_KM = [2, 5, 10, 20, 30, 50, 100] as const;
const MAX_PAGE = 500;

const sortByParam: Record<string, SearchSort> = { pertinence: "relevance", distance: "distance", recent: "newest" };
const paramBySort: Record<SearchSort, string> = { relevance: "pertinence", distance: "distance", newest: "recent" };

const patterns = {
  categorie: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  label: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  qpv: /^Q[A-Z0-9]{6,9}$/,
  commune: /^(\d{5}|2[AB]\d{3})$/,
  epci: /^\d{9}$/,
  departement: /^(\d{2,3}|2[AB])$/,
} as const;

type ListParam = keyof typeof patterns;

const filterKeyByParam: Record<ListParam, Exclude<keyof SearchFilters, "verifiedQpvOnly">> = {
  categorie: "categories",
  qpv: "qpv",
  commune: "communes",
  epci: "epcis",
  departement: "departments",
  label: "labels",
};

function validValues(params: URLSearchParams, name: ListParam): string[] {
  const values = params
    .getAll(name)
    .map((v) => v.trim())
    .filter((v) => patterns[name].test(v));
  return [...new Set(values)].slice(0, MAX_VALUES_PER_FILTER);
}

function positiveInt(value: string | null, max: number): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/** URL → state; anything invalid is silently ignored (a hand-edited URL never gives a 500). */
export function parseDirectoryParams(params: URLSearchParams): DirectoryState {
  const filters: SearchFilters = {};
  for (const name of Object.keys(patterns) as ListParam[]) {
    const values = validValues(params, name);
    if (values.length > 0) filters[filterKeyByParam[name]] = values;
  }
  if (params.get("qpv_verifie") === "1") filters.verifiedQpvOnly = true;
  const insee = params.get("pres_de")?.trim() ?? "";
  const radius = positiveInt(params.get("rayon_km"), 1000);
  const near = patterns.commune.test(insee) ? { insee, radiusKm: radius } : null;
  const requestedSort = sortByParam[params.get("tri") ?? ""] ?? "relevance";
  return {
    q: (params.get("q") ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH),
    filters,
    near,
    // Distance needs a place to measure from.
    sort: requestedSort === "distance" && !near ? "relevance" : requestedSort,
    page: positiveInt(params.get("page"), MAX_PAGE) ?? 1,
  };
}

/** State → URL, in a stable order, default values left out (so equal states give equal URLs). */
export function directoryParams(state: DirectoryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const name of Object.keys(patterns) as ListParam[]) {
    for (const value of state.filters[filterKeyByParam[name]] ?? []) params.append(name, value);
  }
  if (state.filters.verifiedQpvOnly) params.set("qpv_verifie", "1");
  if (state.near) {
    params.set("pres_de", state.near.insee);
    if (state.near.radiusKm !== null) params.set("rayon_km", String(state.near.radiusKm));
  }
  if (state.sort !== "relevance") params.set("tri", paramBySort[state.sort]);
  if (state.page > 1) params.set("page", String(state.page));
  return params;
}

/** The engine query for a state, once the commune of `near` has coordinates (null: unknown commune). */
export function toSearchQuery(state: DirectoryState, nearPoint: { lat: number; lon: number } | null, perPage = DEFAULT_PER_PAGE): SearchQuery {
  const near = state.near && nearPoint ? { ...nearPoint, ...(state.near.radiusKm !== null ? { radiusKm: state.near.radiusKm } : {}) } : undefined;
  return {
    ...(state.q ? { q: state.q } : {}),
    filters: state.filters,
    ...(near ? { near } : {}),
    sort: state.sort === "distance" && !near ? "relevance" : state.sort,
    page: state.page,
    perPage,
  };
}

/** A filter the user can remove, with the URL that removes it (empty-state suggestions, chips). */
export type RemovableFilter = { param: string; value: string; params: URLSearchParams };

export function removableFilters(state: DirectoryState): RemovableFilter[] {
  const out: RemovableFilter[] = [];
  const without = (change: (s: DirectoryState) => DirectoryState) => directoryParams({ ...change(structuredClone(state)), page: 1 });
  for (const name of Object.keys(patterns) as ListParam[]) {
    const key = filterKeyByParam[name];
    for (const value of state.filters[key] ?? []) {
      out.push({
        param: name,
        value,
        params: without((s) => ({ ...s, filters: { ...s.filters, [key]: (s.filters[key] ?? []).filter((v) => v !== value) } })),
      });
    }
  }
  if (state.filters.verifiedQpvOnly) out.push({ param: "qpv_verifie", value: "1", params: without((s) => ({ ...s, filters: { ...s.filters, verifiedQpvOnly: undefined } })) });
  if (state.near?.radiusKm) out.push({ param: "rayon_km", value: String(state.near.radiusKm), params: without((s) => ({ ...s, near: null, sort: s.sort === "distance" ? "relevance" : s.sort })) });
  if (state.q) out.push({ param: "q", value: state.q, params: without((s) => ({ ...s, q: "" })) });
  return out;
}
