// Helpers behind `npm run cli -- search-setup` and `npm run cli -- reindex` (the CLI wiring and the
// document source belong to the suppliers domain; these only talk to the engine).
import type { SearchEngine, SupplierSearchDocument } from "./types";

export type Progress = (done: number, total: number | null) => void;

/** Applies the engine's settings (Meilisearch index settings; a check for Postgres). */
export async function searchSetup(engine: SearchEngine): Promise<{ engine: SearchEngine["name"] }> {
  await engine.setup();
  return { engine: engine.name };
}

/**
 * Rebuilds the index from scratch: settings, empty index, then every batch the source yields.
 * The index is empty while this runs; at our sizes (≤ 100 k suppliers) that is seconds.
 */
export async function reindex(
  documents: AsyncIterable<SupplierSearchDocument[]> | Iterable<SupplierSearchDocument[]>,
  engine: SearchEngine,
  onProgress: Progress = () => {},
  total: number | null = null,
): Promise<{ indexed: number }> {
  await engine.setup();
  await engine.clear();
  let indexed = 0;
  for await (const batch of documents) {
    await engine.index(batch);
    indexed += batch.length;
    onProgress(indexed, total);
  }
  return { indexed };
}

/** Progress on stderr, rewritten in place, only when stderr is a terminal (never in logs or pipes). */
export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress & { done(): void } {
  const started = Date.now();
  let shown = false;
  const report = (done: number, total: number | null) => {
    if (!stream.isTTY) return;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const share = total ? ` / ${total.toLocaleString("fr-FR")} (${Math.floor((100 * done) / total)} %)` : "";
    stream.write(`\r${label} : ${done.toLocaleString("fr-FR")}${share} — ${seconds} s   `);
    shown = true;
  };
  return Object.assign(report, {
    done() {
      if (shown) stream.write("\n");
    },
  });
}
