// The directory search as the /fournisseurs route uses it: URL in, result and suggestions out.
import { eq } from "drizzle-orm";
import type { Executor } from "../db/client";
import { communes } from "../db/schema";
import { parseDirectoryParams, removableFilters, toSearchQuery, type DirectoryState, type RemovableFilter } from "./query-parse";
import type { SearchEngine, SearchResult } from "./types";

export type DirectorySearch = {
  state: DirectoryState;
  result: SearchResult;
  /** the commune `pres_de` points at, for the form ("à 10 km de Montreuil") */
  nearCommune: { insee: string; name: string } | null;
  /** when nothing matches: the filters whose removal brings results back, with how many */
  suggestions: (RemovableFilter & { total: number })[];
};

async function communePoint(db: Executor, insee: string) {
  const [row] = await db.select({ insee: communes.insee, name: communes.name, lat: communes.lat, lon: communes.lon }).from(communes).where(eq(communes.insee, insee));
  return row && row.lat !== null && row.lon !== null ? { insee: row.insee, name: row.name, lat: row.lat, lon: row.lon } : null;
}

async function run(engine: SearchEngine, db: Executor, state: DirectoryState, facets: boolean) {
  const point = state.near ? await communePoint(db, state.near.insee) : null;
  return { point, result: await engine.search({ ...toSearchQuery(state, point), facets }) };
}

export async function searchDirectory(engine: SearchEngine, db: Executor, params: URLSearchParams): Promise<DirectorySearch> {
  const state = parseDirectoryParams(params);
  const { point, result } = await run(engine, db, state, true);
  const suggestions: DirectorySearch["suggestions"] = [];
  if (result.total === 0) {
    // Empty state: try the search without each filter in turn (a handful of cheap queries, only here).
    for (const removal of removableFilters(state)) {
      const { result: without } = await run(engine, db, { ...parseDirectoryParams(removal.params), page: 1 }, false);
      if (without.total > 0) suggestions.push({ ...removal, total: without.total });
    }
  }
  return { state, result, nearCommune: point ? { insee: point.insee, name: point.name } : null, suggestions };
}
