import { eq, sql } from "drizzle-orm";
import { rows, type Executor } from "../../../db/client";
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
const leaseMs = 5 * 60_000;

type OutboxRow = typeof outbox.$inferSelect;

/**
 * Claims the oldest due entry by pushing its run_after forward (a lease): another worker skips
 * it, and if this process dies the entry becomes due again. The handler then runs outside any
 * transaction: it may use the database freely (PGlite has one connection, so a handler querying
 * while we held a transaction open would wait forever).
 */
async function claimNext(now: Date): Promise<OutboxRow | undefined> {
  const [entry] = await rows<Record<string, unknown>>(
    db,
    sql`UPDATE outbox SET run_after = ${new Date(now.getTime() + leaseMs).toISOString()}, attempts = attempts + 1
        WHERE id = (SELECT id FROM outbox WHERE status = 'pending' AND run_after <= ${now.toISOString()} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, payload, attempts`,
  );
  if (!entry) return undefined;
  const payload = typeof entry.payload === "string" ? JSON.parse(entry.payload) : entry.payload;
  return { ...(entry as unknown as OutboxRow), id: Number(entry.id), attempts: Number(entry.attempts), payload };
}

/** Runs due entries one by one; a failure is retried with exponential backoff (30 s, 1 min…), then marked failed. */
export async function processOutbox(options: { limit?: number; now?: Date } = {}): Promise<number> {
  let processed = 0;
  for (let i = 0; i < (options.limit ?? 100); i++) {
    const now = options.now ?? new Date();
    const entry = await claimNext(now);
    if (!entry) break;
    try {
      const handler = handlers.get(entry.kind);
      if (!handler) throw new Error(`no outbox handler for ${entry.kind}`);
      await handler(entry.payload as Record<string, unknown>);
      await db.update(outbox).set({ status: "done", processedAt: new Date() }).where(eq(outbox.id, entry.id));
    } catch (error) {
      await db
        .update(outbox)
        .set({
          lastError: String(error),
          status: entry.attempts >= maxAttempts ? "failed" : "pending",
          runAfter: new Date(now.getTime() + 30_000 * 2 ** (entry.attempts - 1)),
        })
        .where(eq(outbox.id, entry.id));
    }
    processed++;
  }
  return processed;
}

export async function pendingOutboxCount(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(eq(outbox.status, "pending"));
  return row?.n ?? 0;
}
