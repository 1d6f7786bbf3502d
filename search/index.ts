// The search engine the app uses: Meilisearch when MEILISEARCH_URL is set, otherwise the Postgres
// engine over the app's own database. One instance per process.
import { env } from "../app/env.server";
import { db } from "../db/connection";
import { createMeilisearchEngine } from "./meilisearch-engine";
import { createPostgresEngine } from "./postgres-engine";
import type { SearchEngine } from "./types";

export type * from "./types";

let local: SearchEngine | undefined;

// Kept on globalThis like the database handle (db/connection.ts): the server bundle and the
// worker loaded beside it then share one engine, so one in-memory index per process, which the
// server can load at start (warmSearchEngine) rather than on the first visitor's search.
const globalKey = Symbol.for("proxima.searchEngine");
const holder = globalThis as unknown as Record<symbol, SearchEngine | undefined>;

function createEngine(): SearchEngine {
  const config = env();
  return config.MEILISEARCH_URL ? createMeilisearchEngine({ url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY }) : createPostgresEngine(db);
}

export function getSearchEngine(): SearchEngine {
  // Each test file has its own database: its engine must not outlive it.
  if (process.env.VITEST) return (local ??= createEngine());
  return (holder[globalKey] ??= createEngine());
}

/** Loads the directory's in-memory index now (a few seconds at 100,000 suppliers) instead of at the first search. */
export async function warmSearchEngine(): Promise<number> {
  const started = Date.now();
  await getSearchEngine().search({ perPage: 1, facets: false });
  return Date.now() - started;
}
