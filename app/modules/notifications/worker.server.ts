import { handle } from "../../../db/connection";
import { systemClock, type Clock } from "../jobs/clock";
import { jobDefinitions } from "../jobs/definitions.server";
import { startJobs, type JobRuntime } from "../jobs/runtime.server";
import { registerOutboxHandlers } from "../outbox/handlers.server";
import { processOutbox } from "../outbox/outbox.server";
import { deliverPendingMails } from "./mailer.server";

export type Worker = { jobs: JobRuntime; stop(): Promise<void> };

/**
 * The in-process worker: drains the outbox and the mail queue every `intervalMs` (a loop: they
 * must go out within a second), and runs the jobs of app/modules/jobs/definitions.server.ts on
 * pg-boss (periodic tasks on cron schedules, retries with backoff). The same worker runs in
 * `npm run cli -- worker` for a separate process; outbox rows and jobs are claimed with SKIP LOCKED.
 */
export async function startWorker(options: { intervalMs?: number; log?: (msg: string) => void; clock?: Clock } = {}): Promise<Worker> {
  registerOutboxHandlers();
  const intervalMs = options.intervalMs ?? 1000;
  const log = options.log ?? ((msg: string) => console.error(msg));
  const jobs = await startJobs({ handle, definitions: jobDefinitions, clock: options.clock ?? systemClock, log });
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      await processOutbox();
      await deliverPendingMails();
    } catch (error) {
      log(`[worker] ${String(error)}`);
    }
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = tick().finally(() => {
      running = null;
    });
  }, intervalMs);
  return {
    jobs,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await jobs.stop();
    },
  };
}
