import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../../../db/client";
import { systemClock, type Clock } from "./clock";
import { pgliteBossDb } from "./pglite-adapter.server";
import type { JobDefinition } from "./registry";

/** pg-boss keeps its tables in their own schema, beside ours (never in our migrations). */
export const bossSchema = "pgboss";

export type JobRuntimeOptions = {
  handle: DatabaseHandle;
  definitions: JobDefinition[];
  clock?: Clock;
  log?: (msg: string) => void;
  /** Poll the queues and run handlers (default true). Off: the caller drains queues itself. */
  work?: boolean;
  /** Turn cron schedules into jobs (default true). */
  cron?: boolean;
  /** pg-boss's maintenance: expire stuck jobs, archive and drop old ones (default true). */
  maintenance?: boolean;
  /** How often each queue is polled when `work` is on (default 10 s; pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
};

export type JobRuntime = {
  boss: PgBoss;
  clock: Clock;
  /** Sends a job now or later (`startAfter`); returns its id. */
  send(name: string, data?: Record<string, unknown>, options?: { startAfter?: Date; singletonKey?: string }): Promise<string | null>;
  /** Fetches the due jobs of one queue and runs them here, as a worker would (tests, CLI). */
  drain(name: string, options?: { limit?: number }): Promise<{ ran: number; failed: number }>;
  stop(): Promise<void>;
};

type FetchedJob = { id: string; name: string; data: unknown; retryCount?: number };

/**
 * On PostgreSQL pg-boss opens its own small pool from the connection string; on PGlite it goes
 * through the adapter, on the application's one connection.
 */
export function createBoss(handle: DatabaseHandle, config: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  const common = { schema: bossSchema, ...config };
  if (handle.driver === "postgres") {
    if (!handle.url) throw new Error("jobs: the PostgreSQL handle has no connection string");
    return new PgBoss({ ...common, connectionString: handle.url, max: 3, application_name: "proxima-jobs" });
  }
  if (!handle.pglite) throw new Error("jobs: the PGlite handle has no PGlite instance");
  return new PgBoss({ ...common, db: pgliteBossDb(handle.pglite) });
}

/**
 * Starts pg-boss (installing or migrating its schema), declares one queue per definition with
 * its retry policy, makes the cron schedules match the registry, and unless told otherwise
 * works the queues. Handlers run outside any pg-boss transaction: they may open their own.
 */
export async function startJobs(options: JobRuntimeOptions): Promise<JobRuntime> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((msg: string) => console.error(msg));
  const definitions = new Map(options.definitions.map((d) => [d.name, d]));
  let stopping = false;

  const boss = createBoss(options.handle, {
    schedule: options.cron ?? true,
    supervise: options.maintenance ?? true,
    maintenanceIntervalSeconds: 120,
    cronMonitorIntervalSeconds: 30,
  });
  // An 'error' event without a listener would crash the process; after stop() a poll that was
  // in flight when the database closed is expected to fail.
  boss.on("error", (error) => {
    if (!stopping) log(`[jobs] ${error.message}`);
  });
  await boss.start();

  for (const d of definitions.values()) {
    // pg-boss checks `'expireInSeconds' in options`: an undefined key is refused.
    const queue = { name: d.name, retryLimit: d.retryLimit, retryDelay: d.retryDelay, retryBackoff: d.retryBackoff, ...(d.expireInSeconds ? { expireInSeconds: d.expireInSeconds } : {}) };
    await boss.createQueue(d.name, queue);
    await boss.updateQueue(d.name, queue);
  }
  const scheduled = new Set<string>();
  for (const d of definitions.values()) {
    if (!d.schedule) continue;
    await boss.schedule(d.name, d.schedule.cron, {}, { tz: d.schedule.tz ?? "UTC" });
    scheduled.add(d.name);
  }
  for (const existing of await boss.getSchedules()) {
    if (!scheduled.has(existing.name)) await boss.unschedule(existing.name);
  }

  const run = async (job: FetchedJob) => {
    const definition = definitions.get(job.name);
    if (!definition) throw new Error(`jobs: no definition for ${job.name}`);
    try {
      await definition.handler((job.data ?? {}) as Record<string, unknown>, { clock, jobId: job.id, retryCount: job.retryCount ?? 0, log });
    } catch (error) {
      log(`[jobs] ${job.name} (${job.id}) a échoué : ${String(error)}`);
      throw error;
    }
  };

  if (options.work ?? true) {
    const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 10;
    for (const d of definitions.values()) {
      await boss.work<Record<string, unknown>>(d.name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
        if (job) await run(job);
      });
    }
  }

  if (options.cron ?? true) {
    // Not when one is already waiting (another worker just started); handlers are idempotent anyway.
    for (const d of definitions.values()) {
      if (d.runOnStart && (await boss.getQueueSize(d.name)) === 0) await boss.send(d.name, {});
    }
  }

  return {
    boss,
    clock,
    send(name, data = {}, sendOptions = {}) {
      if (!definitions.has(name)) throw new Error(`jobs: unknown job ${name}`);
      return boss.send(name, data, { startAfter: sendOptions.startAfter, singletonKey: sendOptions.singletonKey });
    },
    async drain(name, drainOptions = {}) {
      const jobs = await boss.fetch<Record<string, unknown>>(name, { batchSize: drainOptions.limit ?? 10, includeMetadata: true });
      let failed = 0;
      for (const job of jobs) {
        try {
          await run(job);
          await boss.complete(name, job.id);
        } catch (error) {
          failed++;
          await boss.fail(name, job.id, { message: String(error) });
        }
      }
      return { ran: jobs.length, failed };
    },
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, timeout: 15_000, wait: true });
    },
  };
}
