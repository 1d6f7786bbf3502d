import type { Clock } from "./clock";

export type JobContext = { clock: Clock; jobId: string; retryCount: number; log: (msg: string) => void };

/**
 * One kind of job: its queue name, what it does, how it is retried (pg-boss's exponential backoff:
 * about retryDelay × 2^n seconds, with jitter), and for periodic ones a cron schedule.
 */
export type JobDefinition<Data = Record<string, unknown>> = {
  name: string;
  describe: string;
  handler: (data: Data, ctx: JobContext) => Promise<unknown>;
  retryLimit: number;
  /** Seconds before the first retry; doubled at each one. */
  retryDelay: number;
  retryBackoff: true;
  /** How long a run may take before pg-boss fails it (default 15 minutes). */
  expireInSeconds?: number;
  /** Cron expression (5 fields) and its time zone (default UTC). */
  schedule?: { cron: string; tz?: string };
  /** Also run once when the worker starts: catches up what fell due while it was stopped. */
  runOnStart?: boolean;
};

export function defineJob<Data = Record<string, unknown>>(definition: Omit<JobDefinition<Data>, "retryBackoff">): JobDefinition<Data> {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(definition.name)) throw new Error(`invalid job name: ${definition.name}`);
  return { ...definition, retryBackoff: true };
}

/**
 * A periodic task in one line: `periodic("needs.close-past-deadline", "* * * * *", "…", (now) => closeNeeds(now))`.
 * It runs with the clock's time, is retried 3 times (30 s, 1 min, 2 min) and skipped, not
 * piled up, while a previous run is still going (cron sends at most one job a minute).
 */
export function periodic(
  name: string,
  cron: string,
  describe: string,
  task: (now: Date) => Promise<unknown>,
  options: { tz?: string; retryLimit?: number; retryDelay?: number; runOnStart?: boolean } = {},
): JobDefinition {
  return defineJob({
    name,
    describe,
    schedule: { cron, tz: options.tz },
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelay ?? 30,
    expireInSeconds: 10 * 60,
    runOnStart: options.runOnStart,
    handler: (_data, ctx) => task(ctx.clock.now()),
  });
}
