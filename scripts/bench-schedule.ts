// Benchmark of the meeting scheduler vs a plain greedy: `tsx scripts/bench-schedule.ts [--time-limit-ms N] [--seed N]`.
// Real events from db/data/b2b-events (fallback ../shared/data/b2b-events), then generated events.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateEvent } from "../app/modules/scheduling/generate";
import { solveGreedyBaseline } from "../app/modules/scheduling/greedy-baseline";
import { parseInstance } from "../app/modules/scheduling/instance";
import { solveSchedule } from "../app/modules/scheduling/solve";
import type { ScheduleInstance, ScheduleResult } from "../app/modules/scheduling/types";
import { validateSchedule } from "../app/modules/scheduling/validate";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function eventsDir(): string {
  const local = path.join(repoRoot, "db/data/b2b-events");
  return existsSync(local) ? local : path.resolve(repoRoot, "../shared/data/b2b-events");
}

function instances(): { name: string; load: () => ScheduleInstance }[] {
  const dir = eventsDir();
  const real = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ""), load: () => parseInstance(JSON.parse(readFileSync(path.join(dir, f), "utf8"))) }));
  const generated = [150, 600, 2000].map((n) => ({ name: `generated-${n}`, load: () => generateEvent({ participants: n, seed: 2027 }) }));
  return [...real, ...generated];
}

interface Row {
  name: string;
  participants: number;
  slots: number;
  ours: ScheduleResult;
  greedy: ScheduleResult;
  valid: boolean;
}

const cols = ["instance", "part.", "slots", "placed/req.", "min out", "idle", "idle ≥", "max idle", "ms", "|", "greedy placed", "idle", "max idle", "ms", "valid"];

function format(r: Row): string[] {
  const s = r.ours.stats;
  const g = r.greedy.stats;
  return [
    r.name,
    String(r.participants),
    String(r.slots),
    `${s.scheduled}/${s.requested}`,
    String(s.min_unscheduled),
    String(s.idle_slots),
    String(s.idle_lower_bound),
    String(s.max_idle),
    String(s.ms),
    "|",
    `${g.scheduled}/${g.requested}`,
    String(g.idle_slots),
    String(g.max_idle),
    String(g.ms),
    r.valid ? "oui" : "NON",
  ];
}

function printTable(rows: Row[]): void {
  const cells = [cols, ...rows.map(format)];
  const widths = cols.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  for (const row of cells) console.log(row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  "));
}

function main(): void {
  // Default: the solver's own budget (900 ms up to 1,000 meetings, then up to 4.5 s).
  const timeLimitMs = process.argv.includes("--time-limit-ms") ? option("--time-limit-ms", 0) : undefined;
  const seed = option("--seed", 1);
  const list = instances();
  const rows: Row[] = [];
  const tty = process.stderr.isTTY;
  list.forEach(({ name, load }, i) => {
    if (tty) process.stderr.write(`\r[${i + 1}/${list.length}] ${name}…`.padEnd(60));
    const inst = load();
    const ours = solveSchedule(inst, { timeLimitMs, seed });
    const greedy = solveGreedyBaseline(inst);
    const valid = validateSchedule(inst, ours).length === 0 && validateSchedule(inst, greedy).length === 0;
    rows.push({ name, participants: inst.participants.length, slots: inst.slots.length, ours, greedy, valid });
  });
  if (tty) process.stderr.write("\r".padEnd(61) + "\r");
  console.log(`Ordonnanceur (greedy+ejection+sa, limite ${timeLimitMs === undefined ? "par défaut" : `${timeLimitMs} ms`}, graine ${seed}) vs glouton simple — Node ${process.version}`);
  printTable(rows);
  const real = rows.filter((r) => !r.name.startsWith("generated"));
  const allPlaced = real.filter((r) => r.ours.stats.scheduled === r.ours.stats.requested).length;
  const idle0 = real.filter((r) => r.ours.stats.idle_slots === 0).length;
  const idleProven = real.filter((r) => r.ours.stats.idle_slots === r.ours.stats.idle_lower_bound).length;
  const maxMs = Math.max(...real.map((r) => r.ours.stats.ms));
  console.log(`Événements réels : ${allPlaced}/${real.length} entièrement placés, ${idle0}/${real.length} sans créneau creux, ${idleProven}/${real.length} au minimum prouvé de créneaux creux, ${maxMs} ms au plus.`);
  console.log("min out : minimum prouvé de rendez-vous non placés ; idle ≥ : minimum prouvé de créneaux creux pour les rendez-vous placés.");
  if (rows.some((r) => !r.valid)) process.exitCode = 1;
}

main();
