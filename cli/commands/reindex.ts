import { sql } from "drizzle-orm";
import { closeDatabase, db } from "../../db/connection";
import { getSearchEngine } from "../../search";
import { reindex, stderrProgress } from "../../search/commands";
import { countSuppliers } from "../../app/modules/suppliers/profile.server";
import { allSupplierDocuments } from "../../app/modules/suppliers/search-document.server";

/** Rebuilds the directory index (PostgreSQL table or Meilisearch) from the supplier profiles. */
export default async function reindexCommand(): Promise<number> {
  try {
    const engine = getSearchEngine();
    const total = await countSuppliers();
    const progress = stderrProgress(`Réindexation (${engine.name})`);
    const started = Date.now();
    const { indexed } = await reindex(allSupplierDocuments(), engine, progress, total);
    progress.done();
    // A bulk load leaves GIN pending lists and stale statistics: merge and re-plan once.
    if (engine.name === "postgres") await db.execute(sql`VACUUM ANALYZE search_documents`);
    console.log(`${indexed} fournisseurs indexés dans ${engine.name} en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
