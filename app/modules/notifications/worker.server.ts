import { pruneRateLimits } from "../accounts/rate-limit.server";
import { registerOutboxHandlers } from "../outbox/handlers.server";
import { processOutbox } from "../outbox/outbox.server";
import { expireWishes } from "../events/wishes.server";
import { closeExpiredNeeds } from "../needs/deadlines.server";
import { deliverPendingMails } from "./mailer.server";

export type Worker = { stop(): Promise<void> };

/**
 * The in-process worker: drains the outbox and the mail queue every `intervalMs`. The same loop
 * runs in `npm run cli -- worker` for a separate process; rows are claimed with SKIP LOCKED.
 */
export function startWorker(options: { intervalMs?: number; log?: (msg: string) => void } = {}): Worker {
  registerOutboxHandlers();
  const intervalMs = options.intervalMs ?? 1000;
  const log = options.log ?? ((msg: string) => console.error(msg));
  let running: Promise<void> | null = null;
  let stopped = false;
  let ticks = 0;
  const tick = async () => {
    try {
      await processOutbox();
      await deliverPendingMails();
      // Every minute: wishes left unanswered past their event's deadline expire.
      if (++ticks % 60 === 0) await expireWishes(new Date());
      if (ticks % 60 === 0) await closeExpiredNeeds(new Date());
      if (ticks % 3600 === 0) await pruneRateLimits();
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
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
