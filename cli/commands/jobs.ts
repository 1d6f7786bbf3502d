import { closeDatabase } from "../../db/connection";
import { systemClock } from "../../app/modules/jobs/clock";
import { jobDefinitions } from "../../app/modules/jobs/definitions.server";
import type { JobDefinition } from "../../app/modules/jobs/registry";

function describe(d: JobDefinition): string {
  const when = d.schedule ? `${d.schedule.cron} (${d.schedule.tz ?? "UTC"})` : "à la demande";
  return `${d.name.padEnd(36)} ${when.padEnd(32)} ${d.describe}`;
}

/**
 * `jobs` lists the jobs and their schedules; `jobs run NAME` runs one now, here, with the system
 * clock (an operator catching up after downtime, or checking a digest). Handlers are idempotent.
 */
export async function runJobsCommand(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [sub = "list", name] = argv;
  if (sub === "list") {
    for (const d of jobDefinitions) out(describe(d));
    return 0;
  }
  if (sub !== "run" || !name) {
    out("Usage : npm run cli -- jobs [list | run NOM]");
    return 2;
  }
  const definition = jobDefinitions.find((d) => d.name === name);
  if (!definition) {
    out(`Tâche inconnue : ${name}. Tâches : ${jobDefinitions.map((d) => d.name).join(", ")}`);
    return 2;
  }
  const started = Date.now();
  const result = await definition.handler({}, { clock: systemClock, jobId: "cli", retryCount: 0, log: (msg) => out(msg) });
  out(`${name} : terminé en ${Date.now() - started} ms${result === undefined ? "" : ` (${JSON.stringify(result)})`}.`);
  return 0;
}

export default async function jobs(argv: string[]): Promise<number> {
  try {
    return await runJobsCommand(argv);
  } finally {
    await closeDatabase();
  }
}
