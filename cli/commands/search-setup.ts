import { closeDatabase } from "../../db/connection";
import { getSearchEngine } from "../../search";
import { searchSetup } from "../../search/commands";

/** Applies the search engine's settings (Meilisearch: searchable, filterable, sortable attributes). */
export default async function searchSetupCommand(): Promise<number> {
  try {
    const { engine } = await searchSetup(getSearchEngine());
    console.log(`Réglages de recherche appliqués (${engine}).`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
