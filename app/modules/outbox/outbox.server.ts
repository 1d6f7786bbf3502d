import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { outbox } from "../../../db/schema";

export type OutboxHandler = (payload: Record<string, unknown>) => Promise<void>;

/** Records what must follow a change, in the change's own transaction. */
export async function enqueue(tx: Executor, kind: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ kind, payload });
}

const handlers = new Map<string, OutboxHandler>();

/** Domains register what they do with their outbox entries (search sync, notifications…). */
export function registerOutboxHandler(kind: string, handler: OutboxHandler): void {
  handlers.set(kind, handler);
}

const maxAttempts = 8;

/**
 * Processes due entries one by one, each claimed with SKIP LOCKED so several workers can run.
 * A failure is retried later with exponential backoff (30 s, 1 min, 2 min…), then marked failed.
 */
export async function processOutbox(options: { limit?: number; now?: Date } = {}): Promise<number> {
  let processed = 0;
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const now = options.now ?? new Date();
    const done = await db.transaction(async (tx) => {
      const [entry] = await tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, "pending"), lte(outbox.runAfter, now)))
        .orderBy(asc(outbox.id))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!entry) return false;
      const handler = handlers.get(entry.kind);
      try {
        if (!handler) throw new Error(`no outbox handler for ${entry.kind}`);
        await handler(entry.payload as Record<string, unknown>);
        await tx.update(outbox).set({ status: "done", processedAt: now, attempts: entry.attempts + 1 }).where(eq(outbox.id, entry.id));
      } catch (error) {
        const attempts = entry.attempts + 1;
        await tx
          .update(outbox)
          .set({
            attempts,
            lastError: String(error),
            status: attempts >= maxAttempts ? "failed" : "pending",
            runAfter: new Date(now.getTime() + 30_000 * 2 ** (attempts - 1)),
          })
          .where(eq(outbox.id, entry.id));
      }
      return true;
    });
    if (!done) break;
    processed++;
  }
  return processed;
}

export async function pendingOutboxCount(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, "pending"));
  return row?.n ?? 0;
}
