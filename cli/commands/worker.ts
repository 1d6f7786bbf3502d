import { closeDatabase } from "../../db/connection";
import { startWorker } from "../../app/modules/notifications/worker.server";

/** Runs until SIGTERM/SIGINT, then finishes the current batch and running jobs, and closes the database. */
export default async function worker(): Promise<number> {
  const running = await startWorker({ log: (msg) => console.error(msg) });
  console.log("Worker démarré (Ctrl+C pour arrêter).");
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  await running.stop();
  await closeDatabase();
  console.log("Worker arrêté.");
  return 0;
}
