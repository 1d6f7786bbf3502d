// The search engine the app uses: Meilisearch when MEILISEARCH_URL is set, otherwise the Postgres
// engine over the app's own database. One instance per process.
import { env } from "../app/env.server";
import { db } from "../db/connection";
import { createMeilisearchEngine } from "./meilisearch-engine";
import { createPostgresEngine } from "./postgres-engine";
import type { SearchEngine } from "./types";

export type * from "./types";

let engine: SearchEngine | undefined;

export function getSearchEngine(): SearchEngine {
  if (!engine) {
    const config = env();
    engine = config.MEILISEARCH_URL
      ? createMeilisearchEngine({ url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY })
      : createPostgresEngine(db);
  }
  return engine;
}
