// Public entry of the meeting scheduler: pre-check → greedy → ejection-chain repair → annealing → tables.
import { greedy } from "./greedy";
import { idleLowerBound, idleSummary } from "./idle";
import { normalize, type Problem } from "./instance";
import { localSearch } from "./local-search";
import { precheck, type PrecheckDetail } from "./precheck";
import { mulberry32 } from "./prng";
import { createRepairContext, repair } from "./repair";
import { ScheduleState } from "./state";
import { assignTables, tableChanges } from "./tables";
import type { Meeting, ScheduleInstance, ScheduleResult, SolveOptions, Unscheduled } from "./types";

/** Whole-solve budget: under 1 s for club-sized events, up to 4.5 s for the largest ones. */
export function defaultTimeLimitMs(nM: number): number {
  return nM <= 1000 ? 900 : Math.min(4500, Math.round(nM / 2));
}
export const DEFAULT_SEED = 1;
const REPAIR_SHARE = 0.4;
/**
 * Local search stops at this many iterations or at the time limit, whichever comes first:
 * with a generous time limit the cap binds and a seed always gives the same schedule.
 */
export function defaultMaxIterations(nM: number): number {
  return 100_000 + 20 * nM;
}

export const REASONS = {
  noCommonSlot: "Aucun créneau commun de disponibilité",
  overloaded: (who: string) => `Plus de rendez-vous demandés que de créneaux libres pour ${who}`,
  noTable: "Plus de tables libres",
  conflicts: "Non placé faute de place (conflits)",
} as const;

/** Previous meetings matched to requests by pair (first unmatched request of the pair). */
export function mapPrevious(pb: Problem, previous: Meeting[] | undefined) {
  const prevSlot = new Int32Array(pb.nM).fill(-1);
  const prevTable = new Int32Array(pb.nM).fill(-1);
  if (!previous?.length) return { prevSlot, prevTable };
  const slotIdx = new Map(pb.slotIds.map((id, i) => [id, i]));
  const tableIdx = new Map(pb.tableIds.map((id, i) => [id, i]));
  const byPair = new Map<string, number[]>();
  for (let m = 0; m < pb.nM; m++) {
    const key = pairKey(pb.partIds[pb.ma[m]!]!, pb.partIds[pb.mb[m]!]!);
    const list = byPair.get(key);
    if (list) list.push(m);
    else byPair.set(key, [m]);
  }
  for (const meeting of previous) {
    const m = byPair.get(pairKey(String(meeting.a), String(meeting.b)))?.shift();
    const s = slotIdx.get(String(meeting.slot));
    if (m === undefined || s === undefined) continue;
    prevSlot[m] = s;
    prevTable[m] = tableIdx.get(String(meeting.table)) ?? -1;
  }
  return { prevSlot, prevTable };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function reasonFor(pb: Problem, state: ScheduleState, pre: PrecheckDetail, m: number): string {
  const a = pb.ma[m]!;
  const b = pb.mb[m]!;
  if (pb.allowedStart[m + 1] === pb.allowedStart[m]) return REASONS.noCommonSlot;
  if (pre.excess[a]! > 0) return REASONS.overloaded(pb.partIds[a]!);
  if (pre.excess[b]! > 0) return REASONS.overloaded(pb.partIds[b]!);
  let freePairSlots = 0;
  let fullTables = 0;
  for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
    const s = pb.allowedSlots[i]!;
    if (state.isFree(a, s) && state.isFree(b, s)) {
      freePairSlots++;
      if (state.count[s]! >= pb.nT) fullTables++;
    }
  }
  return freePairSlots > 0 && fullTables === freePairSlots ? REASONS.noTable : REASONS.conflicts;
}

export interface BuildInfo {
  solver: string;
  startedAt: number;
  now: () => number;
  iterations: number;
  prevSlot: Int32Array;
  prevTable: Int32Array;
}

/** Seats the meetings and turns the state into the public result with reasons and stats. */
export function buildResult(pb: Problem, state: ScheduleState, pre: PrecheckDetail, info: BuildInfo): ScheduleResult {
  const tableOf = assignTables(pb, state.slotOf, info.prevSlot, info.prevTable);
  const meetings: Meeting[] = [];
  const unscheduled: Unscheduled[] = [];
  let changes = 0;
  for (let m = 0; m < pb.nM; m++) {
    const a = pb.partIds[pb.ma[m]!]!;
    const b = pb.partIds[pb.mb[m]!]!;
    const s = state.slotOf[m]!;
    if (s === -1) {
      unscheduled.push({ a, b, reason: reasonFor(pb, state, pre, m) });
      if (info.prevSlot[m] !== -1) changes++;
      continue;
    }
    meetings.push({ a, b, slot: pb.slotIds[s]!, table: pb.tableIds[tableOf[m]!]! });
    if (info.prevSlot[m] !== -1 && (info.prevSlot[m] !== s || info.prevTable[m] !== tableOf[m])) changes++;
  }
  const idle = idleSummary(pb, state.at);
  let minMeetings = Infinity;
  let below = 0;
  for (let p = 0; p < pb.nP; p++) {
    if (pb.partStart[p + 1]! > pb.partStart[p]!) minMeetings = Math.min(minMeetings, state.placedOf[p]!);
    if (state.placedOf[p]! < pb.minMeetings[p]!) below++;
  }
  const { excess: _excess, ...precheckOut } = pre;
  return {
    meetings,
    unscheduled,
    stats: {
      requested: pb.nM,
      scheduled: meetings.length,
      weight: state.weight,
      upper_bound: pre.upperBound,
      min_unscheduled: pre.minUnscheduled,
      idle_slots: idle.total,
      idle_lower_bound: idleLowerBound(pb, state.placedOf),
      max_idle: idle.max,
      min_meetings_per_participant: Number.isFinite(minMeetings) ? minMeetings : 0,
      below_minimum: below,
      changes,
      table_changes: tableChanges(pb, state.slotOf, tableOf),
      iterations: info.iterations,
      solver: info.solver,
      ms: Math.round(info.now() - info.startedAt),
    },
    precheck: precheckOut,
  };
}

export function solveProblem(pb: Problem, options: SolveOptions = {}, startedAt?: number): ScheduleResult {
  const now = options.now ?? (() => performance.now());
  const t0 = startedAt ?? now();
  const timeLimit = options.timeLimitMs ?? defaultTimeLimitMs(pb.nM);
  const deadline = t0 + timeLimit;
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const pre = precheck(pb);
  const { prevSlot, prevTable } = mapPrevious(pb, options.previous);
  const state = new ScheduleState(pb);
  const order = greedy(state, prevSlot);
  // The first repair gets at most 40 % of the budget; local search keeps repairing meanwhile.
  const repairCtx = createRepairContext(state, rng, now, t0 + timeLimit * REPAIR_SHARE);
  repair(repairCtx, order, pre.upperBound);
  repairCtx.deadline = deadline;
  const ls = localSearch(state, rng, repairCtx, {
    maxIterations: options.maxIterations ?? defaultMaxIterations(pb.nM),
    deadline,
    now,
    prevSlot,
    repairOrder: order,
    upperBound: pre.upperBound,
  });
  return buildResult(pb, state, pre, {
    solver: "greedy+ejection+sa",
    startedAt: t0,
    now,
    iterations: ls.iterations,
    prevSlot,
    prevTable,
  });
}

/** Solves a validated instance (see parseInstance); throws InstanceError on inconsistent ids or locks. */
export function solveSchedule(instance: ScheduleInstance, options: SolveOptions = {}): ScheduleResult {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  return solveProblem(normalize(instance), { ...options, now }, t0);
}
