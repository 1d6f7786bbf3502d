import { getSearchEngine } from "../../../search";
import { registerOutboxHandler } from "../outbox/outbox.server";
import { buildSupplierDocuments } from "./search-document.server";

/**
 * Applies a profile change to the search index (PostgreSQL table or Meilisearch). Runs in the
 * worker from the outbox entry the change wrote in its own transaction: nothing is lost.
 */
export async function syncSupplierToIndex(supplierId: string): Promise<void> {
  const engine = getSearchEngine();
  const [document] = await buildSupplierDocuments([supplierId]);
  if (document) await engine.index([document]);
  else await engine.remove([supplierId]);
}

export function registerSupplierIndexSync(): void {
  registerOutboxHandler("search.supplier_changed", async (payload) => syncSupplierToIndex(String(payload.supplierId)));
}
