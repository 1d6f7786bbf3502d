import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { outbox } from "../../../db/schema";
import { enqueue, processOutbox, registerOutboxHandler } from "./outbox.server";

describe("transactional outbox", () => {
  it("keeps nothing when the change rolls back", async () => {
    await db
      .transaction(async (tx) => {
        await enqueue(tx, "test.rolled_back", { n: 1 });
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect(await db.select().from(outbox).where(eq(outbox.kind, "test.rolled_back"))).toHaveLength(0);
  });

  it("runs handlers that query the database themselves", async () => {
    const seen: number[] = [];
    registerOutboxHandler("test.query", async (payload) => {
      const [row] = await db.execute(sql`select 1 as one`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows));
      seen.push(Number((row as { one: number }).one) + Number(payload.n));
    });
    await db.transaction((tx) => enqueue(tx, "test.query", { n: 41 }));
    expect(await processOutbox()).toBe(1);
    expect(seen).toEqual([42]);
    const [entry] = await db.select().from(outbox).where(eq(outbox.kind, "test.query"));
    expect(entry?.status).toBe("done");
  });

  it("retries a failing handler later with backoff, then gives up", async () => {
    let calls = 0;
    registerOutboxHandler("test.flaky", async () => {
      calls++;
      throw new Error("index down");
    });
    await db.transaction((tx) => enqueue(tx, "test.flaky", {}));
    const start = new Date("2030-01-01T00:00:00Z");
    await processOutbox({ now: start });
    expect(calls).toBe(1);
    await processOutbox({ now: new Date(start.getTime() + 10_000) });
    expect(calls).toBe(1); // not due yet
    let now = start;
    for (let i = 0; i < 10; i++) {
      now = new Date(now.getTime() + 3600_000 * 24);
      await processOutbox({ now });
    }
    const [entry] = await db.select().from(outbox).where(eq(outbox.kind, "test.flaky"));
    expect(entry?.status).toBe("failed");
    expect(entry?.lastError).toContain("index down");
    expect(calls).toBe(8);
  });
});
