import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pgliteExtensions, rows, type DatabaseHandle } from "../../../db/client";
import { db, handle } from "../../../db/connection";
import { MovableClock } from "./clock";
import { jobDefinitions } from "./definitions.server";
import { defineJob, periodic, type JobDefinition } from "./registry";
import { bossSchema, startJobs, type JobRuntime } from "./runtime.server";

const started: JobRuntime[] = [];
async function start(definitions: JobDefinition[], options: { work?: boolean; clock?: MovableClock } = {}) {
  const runtime = await startJobs({
    handle,
    definitions,
    clock: options.clock,
    work: options.work ?? false,
    cron: false,
    maintenance: false,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
  started.push(runtime);
  return runtime;
}

afterEach(async () => {
  while (started.length) await started.pop()!.stop();
});

/** pg-boss dates its jobs with the database's clock: "time passes" for a queue by moving its due date. */
async function makeDue(name: string) {
  await db.execute(sql`UPDATE ${sql.raw(bossSchema)}.job SET start_after = now() - interval '1 second' WHERE name = ${name} AND state < 'active'`);
}

async function jobRow(name: string, id: string) {
  const [row] = await rows<{ state: string; retry_count: number; delay_s: number }>(
    db,
    sql`SELECT state::text, retry_count, extract(epoch FROM start_after - now())::float8 AS delay_s FROM ${sql.raw(bossSchema)}.job WHERE name = ${name} AND id = ${id}`,
  );
  return { ...row!, retry_count: Number(row!.retry_count), delay_s: Number(row!.delay_s) };
}

describe("jobs on pg-boss", () => {
  it("retries a failing job with exponential backoff, then completes it", async () => {
    let calls = 0;
    const flaky = defineJob({
      name: "test.flaky",
      describe: "fails twice",
      retryLimit: 3,
      retryDelay: 60,
      handler: async () => {
        if (++calls <= 2) throw new Error("service indisponible");
      },
    });
    const jobs = await start([flaky]);
    const id = (await jobs.send("test.flaky", { n: 1 }))!;

    expect(await jobs.drain("test.flaky")).toEqual({ ran: 1, failed: 1 });
    const first = await jobRow("test.flaky", id);
    expect(first.state).toBe("retry");
    // First retry: 60 s × 2^1 / 2, plus up to as much again of jitter.
    expect(first.delay_s).toBeGreaterThan(55);
    expect(first.delay_s).toBeLessThanOrEqual(120);
    expect(await jobs.drain("test.flaky")).toEqual({ ran: 0, failed: 0 }); // not due yet

    await makeDue("test.flaky");
    expect(await jobs.drain("test.flaky")).toEqual({ ran: 1, failed: 1 });
    const second = await jobRow("test.flaky", id);
    expect(second.state).toBe("retry");
    expect(second.retry_count).toBe(1);
    expect(second.delay_s).toBeGreaterThan(115); // 120 to 240 s: the delay doubled

    await makeDue("test.flaky");
    expect(await jobs.drain("test.flaky")).toEqual({ ran: 1, failed: 0 });
    expect((await jobRow("test.flaky", id)).state).toBe("completed");
    expect(calls).toBe(3);
  });

  it("marks a job failed once its retries are spent", async () => {
    const broken = defineJob({ name: "test.broken", describe: "always fails", retryLimit: 1, retryDelay: 1, handler: () => Promise.reject(new Error("cassé")) });
    const jobs = await start([broken]);
    const id = (await jobs.send("test.broken"))!;
    await jobs.drain("test.broken");
    await makeDue("test.broken");
    await jobs.drain("test.broken");
    expect(await jobRow("test.broken", id)).toMatchObject({ state: "failed", retry_count: 1 });
  });

  it("runs after a restart a job sent with startAfter before it", async () => {
    const seen: unknown[] = [];
    const later = defineJob({ name: "test.later", describe: "later", retryLimit: 2, retryDelay: 30, handler: async (data) => void seen.push(data) });
    const before = await start([later]);
    await before.send("test.later", { opportunityId: "o-1" }, { startAfter: new Date(Date.now() + 24 * 3600_000) });
    expect(await before.drain("test.later")).toEqual({ ran: 0, failed: 0 });
    await started.pop()!.stop();

    const after = await start([later]); // a new pg-boss on the same database
    expect(await after.drain("test.later")).toEqual({ ran: 0, failed: 0 });
    await makeDue("test.later");
    expect(await after.drain("test.later")).toEqual({ ran: 1, failed: 0 });
    expect(seen).toEqual([{ opportunityId: "o-1" }]);
  });

  // PostgreSQL cannot be restarted from a test: there the test above (a new pg-boss with its own pool) is the restart.
  if (handle.driver !== "pglite") console.info("[jobs] PostgreSQL : redémarrage du serveur de base non testé ici (le test précédent redémarre pg-boss).");
  it.runIf(handle.driver === "pglite")("keeps a delayed job across a restart of the embedded database itself (PGlite data files)", async () => {
    const seen: unknown[] = [];
    const later = defineJob({ name: "test.after-restart", describe: "later", retryLimit: 1, retryDelay: 30, handler: async (data) => void seen.push(data) });
    const before = await start([later]);
    await before.send("test.after-restart", { n: 7 }, { startAfter: new Date(Date.now() + 3600_000) });
    await started.pop()!.stop();
    // The data files as a stopped process leaves them, opened by a new PGlite.
    const files = await handle.pglite!.dumpDataDir("none");
    const pglite = new PGlite({ loadDataDir: files, extensions: pgliteExtensions });
    const reopened: DatabaseHandle = { db: undefined as never, driver: "pglite", pglite, close: () => pglite.close() };
    try {
      const after = await startJobs({ handle: reopened, definitions: [later], work: false, cron: false, maintenance: false, log: () => {} });
      expect(await after.drain("test.after-restart")).toEqual({ ran: 0, failed: 0 });
      await pglite.query(`UPDATE ${bossSchema}.job SET start_after = now() - interval '1 second' WHERE name = 'test.after-restart'`);
      expect(await after.drain("test.after-restart")).toEqual({ ran: 1, failed: 0 });
      expect(seen).toEqual([{ n: 7 }]);
      await after.stop();
    } finally {
      await pglite.close();
    }
  });

  it("registers the cron schedules of the registry and removes stale ones", async () => {
    const jobs = await start([...jobDefinitions, periodic("test.stale", "0 0 * * *", "stale", async () => {})]);
    await jobs.stop();
    started.pop();
    const again = await start(jobDefinitions);
    // pg-boss's typings omit the row's timezone column.
    const schedules = (await again.boss.getSchedules()) as Array<{ name: string; cron: string; timezone: string }>;
    const byName = Object.fromEntries(schedules.map((s) => [s.name, { cron: s.cron, tz: s.timezone }]));
    expect(byName).toEqual(
      Object.fromEntries(jobDefinitions.filter((d) => d.schedule).map((d) => [d.name, { cron: d.schedule!.cron, tz: d.schedule!.tz ?? "UTC" }])),
    );
    expect(byName["events.expire-wishes"]).toEqual({ cron: "* * * * *", tz: "UTC" });
    expect(byName["followups.stale-digest"]).toEqual({ cron: "0 8 * * 1", tz: "Europe/Paris" });
    expect(byName["followups.send-surveys"]).toEqual({ cron: "*/15 * * * *", tz: "UTC" });
    const queue = await again.boss.getQueue("events.expire-wishes");
    expect(queue).toMatchObject({ retryLimit: 3, retryDelay: 30, retryBackoff: true });
  });

  it("runs a catch-up job at start, once even when two workers start together", async () => {
    let runs = 0;
    const catchUp = periodic("test.catch-up", "*/15 * * * *", "catch up", async () => void runs++, { runOnStart: true });
    const options = { handle, definitions: [catchUp], work: false, maintenance: false, log: () => {} };
    const first = await startJobs(options);
    started.push(first);
    started.push(await startJobs(options));
    expect(await first.drain("test.catch-up")).toEqual({ ran: 1, failed: 0 });
    expect(await first.drain("test.catch-up")).toEqual({ ran: 0, failed: 0 });
    expect(runs).toBe(1);
  });

  it("hands periodic tasks the injected clock's time", async () => {
    const clock = new MovableClock("2030-06-01T08:00:00Z");
    const seen: string[] = [];
    const jobs = await start([periodic("test.tick", "* * * * *", "tick", async (now) => void seen.push(now.toISOString()))], { clock });
    await jobs.send("test.tick");
    await jobs.drain("test.tick");
    clock.advance({ days: 30 });
    await jobs.send("test.tick");
    await jobs.drain("test.tick");
    expect(seen).toEqual(["2030-06-01T08:00:00.000Z", "2030-07-01T08:00:00.000Z"]);
  });

  it("works its queues beside application transactions without deadlocking", async () => {
    await db.execute(sql`CREATE TABLE IF NOT EXISTS test_job_effects (id serial PRIMARY KEY, label text NOT NULL)`);
    const done: string[] = [];
    const writer = defineJob({
      name: "test.writer",
      describe: "writes in a transaction",
      retryLimit: 1,
      retryDelay: 1,
      handler: async (data) => {
        await db.transaction(async (tx) => {
          await tx.execute(sql`INSERT INTO test_job_effects (label) VALUES (${String(data.label)})`);
          await tx.execute(sql`SELECT count(*) FROM test_job_effects`);
        });
        done.push(String(data.label));
      },
    });
    const jobs = await startJobs({ handle, definitions: [writer], work: true, cron: true, maintenance: true, pollingIntervalSeconds: 0.5, log: () => {} });
    started.push(jobs);
    await Promise.all([
      jobs.send("test.writer", { label: "a" }),
      jobs.send("test.writer", { label: "b" }),
      // The application writes meanwhile, in its own transactions.
      ...["x", "y", "z"].map((label) => db.transaction((tx) => tx.execute(sql`INSERT INTO test_job_effects (label) VALUES (${label})`))),
    ]);
    await vi.waitFor(() => expect(done.sort()).toEqual(["a", "b"]), { timeout: 15_000, interval: 50 });
    const [count] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM test_job_effects`);
    expect(Number(count!.n)).toBe(5);
  });
});
