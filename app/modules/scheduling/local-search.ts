// Simulated annealing on idle slots (then changes vs a previous run) with Kempe-chain slot swaps:
// swapping the slots of a connected component of meetings never creates a participant clash.
import { idleInSession, idleLowerBound } from "./idle";
import type { Rng } from "./prng";
import { Outcome, repairPass, ruinAndRecreate, type RepairContext } from "./repair";
import type { ScheduleState } from "./state";

export interface LocalSearchOptions {
  maxIterations: number;
  deadline: number;
  now: () => number;
  /** Previous slot of each meeting (−1 = none): a change costs a tiny fraction of an idle slot. */
  prevSlot: Int32Array;
  repairOrder: Int32Array;
  /** Upper bound on objective (1) weight: stop trying to insert once reached. */
  upperBound: number;
  maxComponent?: number;
}

export interface LocalSearchResult {
  iterations: number;
  idle: number;
}

class KempeMove {
  readonly comp: number[] = [];
  readonly people: number[] = [];
  private readonly inComp: Int32Array;
  private readonly personMark: Int32Array;
  private mark = 0;

  constructor(private readonly state: ScheduleState) {
    this.inComp = new Int32Array(state.pb.nM);
    this.personMark = new Int32Array(state.pb.nP);
  }

  /** Component of m between slots s1 and s2; false when it holds a locked or disallowed meeting or is too big. */
  build(m: number, s1: number, s2: number, maxSize: number): boolean {
    const { state } = this;
    const { pb } = state;
    this.mark++;
    this.comp.length = 0;
    this.people.length = 0;
    this.comp.push(m);
    this.inComp[m] = this.mark;
    for (let i = 0; i < this.comp.length; i++) {
      const x = this.comp[i]!;
      const from = state.slotOf[x]!;
      const to = from === s1 ? s2 : s1;
      if (pb.lockedSlot[x] !== -1 || !state.allowed(x, to)) return false;
      for (const p of [pb.ma[x]!, pb.mb[x]!]) {
        if (this.personMark[p] !== this.mark) {
          this.personMark[p] = this.mark;
          this.people.push(p);
        }
        const y = state.at[p * pb.nS + to]!;
        if (y !== -1 && this.inComp[y] !== this.mark) {
          if (this.comp.length >= maxSize) return false;
          this.inComp[y] = this.mark;
          this.comp.push(y);
        }
      }
    }
    return true;
  }

  /** Table counts stay within capacity after the swap. */
  tablesOk(s1: number, s2: number): boolean {
    let c1 = 0;
    for (const x of this.comp) if (this.state.slotOf[x] === s1) c1++;
    const c2 = this.comp.length - c1;
    const { count, pb } = this.state;
    return count[s1]! - c1 + c2 <= pb.nT && count[s2]! - c2 + c1 <= pb.nT;
  }

  apply(s1: number, s2: number): void {
    const { state } = this;
    const targets = this.comp.map((x) => (state.slotOf[x] === s1 ? s2 : s1));
    for (const x of this.comp) state.remove(x);
    this.comp.forEach((x, i) => state.place(x, targets[i]!));
  }

  idleOfPeople(s1: number, s2: number): number {
    const { pb, at } = this.state;
    const q1 = pb.sessionOf[s1]!;
    const q2 = pb.sessionOf[s2]!;
    let idle = 0;
    for (const p of this.people) {
      idle += idleInSession(pb, at, p, q1);
      if (q2 !== q1) idle += idleInSession(pb, at, p, q2);
    }
    return idle;
  }

  changes(prevSlot: Int32Array): number {
    let c = 0;
    for (const x of this.comp) if (prevSlot[x] !== -1 && prevSlot[x] !== this.state.slotOf[x]) c++;
    return c;
  }
}

function totalIdle(state: ScheduleState): number {
  const { pb } = state;
  let idle = 0;
  for (let p = 0; p < pb.nP; p++) for (let q = 0; q < pb.sessionStart.length; q++) idle += idleInSession(pb, state.at, p, q);
  return idle;
}

function totalChanges(state: ScheduleState, prevSlot: Int32Array): number {
  let c = 0;
  for (let m = 0; m < state.pb.nM; m++) if (prevSlot[m] !== -1 && state.slotOf[m] !== prevSlot[m]) c++;
  return c;
}

/** A meeting of an idle participant p and one of p's gap slots: moving it there may close the gap. */
function targetedMove(state: ScheduleState, rng: Rng, p: number): [number, number] | null {
  const { pb, at } = state;
  const base = p * pb.nS;
  const nQ = pb.sessionStart.length;
  const q0 = rng.int(nQ);
  for (let k = 0; k < nQ; k++) {
    const q = (q0 + k) % nQ;
    let first = -1;
    let last = -1;
    for (let s = pb.sessionStart[q]!; s < pb.sessionEnd[q]!; s++) {
      if (at[base + s] === -1) continue;
      if (first === -1) first = s;
      last = s;
    }
    if (last - first < 2) continue;
    const gap = first + 1 + rng.int(last - first - 1);
    if (at[base + gap] !== -1) continue;
    // Move the first or last meeting into the gap, or swap the gap with a random busy slot.
    const r = rng.int(3);
    const from = r === 0 ? first : r === 1 ? last : first + rng.int(last - first + 1);
    const m = at[base + from]!;
    if (m !== -1 && pb.lockedSlot[m] === -1) return [m, gap];
  }
  return null;
}

function idlePeople(state: ScheduleState, out: number[]): void {
  const { pb, at } = state;
  out.length = 0;
  for (let p = 0; p < pb.nP; p++) {
    for (let q = 0; q < pb.sessionStart.length; q++) {
      if (idleInSession(pb, at, p, q) > 0) {
        out.push(p);
        break;
      }
    }
  }
}

const REFRESH_IDLE_EVERY = 1000;
const GROW_EVERY = 100;
const REPAIR_EVERY = 20;

/** Objective (1) attempts during local search: mostly ruin-and-recreate, sometimes a full repair pass. */
function tryToGrow(state: ScheduleState, ctx: RepairContext, order: Int32Array, rank: Int32Array, it: number): Outcome {
  if (Math.floor(it / GROW_EVERY) % REPAIR_EVERY === 0) return repairPass(ctx, order, 3) ? Outcome.Improved : Outcome.Unchanged;
  const unplaced: number[] = [];
  for (let m = 0; m < state.pb.nM; m++) if (state.slotOf[m] === -1 && state.pb.allowedStart[m + 1]! > state.pb.allowedStart[m]!) unplaced.push(m);
  let outcome: Outcome = Outcome.Unchanged;
  for (let k = 0; k < 8 && outcome !== Outcome.Improved; k++) outcome = Math.max(outcome, ruinAndRecreate(ctx, unplaced, rank)) as Outcome;
  return outcome;
}
const T_START = 1.5;
const T_START_RERUN = 0.3;
const RERUN_CHANGE_PENALTY = 0.2;
const T_END = 0.02;

/**
 * Runs until the iteration cap or the deadline, whichever comes first, and leaves the best
 * schedule found in `state`. Placed meetings never leave; the repair pass may add some.
 */
export function localSearch(state: ScheduleState, rng: Rng, repairCtx: RepairContext, opts: LocalSearchOptions): LocalSearchResult {
  const { pb } = state;
  const changeCost = 1 / (pb.nM + 1);
  const move = new KempeMove(state);
  const maxSize = opts.maxComponent ?? 64;
  let idle = totalIdle(state);
  let changes = totalChanges(state, opts.prevSlot);
  let best = idle + changes * changeCost;
  let bestSlots = state.slotOf.slice();
  const placedList: number[] = [];
  const refreshPlaced = () => {
    placedList.length = 0;
    for (let m = 0; m < pb.nM; m++) if (state.slotOf[m] !== -1 && pb.lockedSlot[m] === -1) placedList.push(m);
  };
  refreshPlaced();
  const idlers: number[] = [];
  // Proven floor for the meetings placed: reaching it ends the search early.
  let floor = idleLowerBound(pb, state.placedOf);
  const rank = new Int32Array(pb.nM);
  opts.repairOrder.forEach((m, i) => (rank[m] = i));
  const hasPrevious = opts.prevSlot.some((s) => s !== -1);
  const cooling = Math.pow(T_END / (hasPrevious ? T_START_RERUN : T_START), 1 / Math.max(1, opts.maxIterations));
  // A re-run starts from the previous schedule: stay close to it instead of wandering.
  let temperature = hasPrevious ? T_START_RERUN : T_START;
  let it = 0;
  for (; it < opts.maxIterations; it++, temperature *= cooling) {
    if ((it & 255) === 0 && opts.now() >= opts.deadline) break;
    const canGrow = state.placed < pb.nM && (state.weight < opts.upperBound - 1e-9 || state.shortfall > 0);
    if (best <= floor && !canGrow) break;
    const grown: Outcome = canGrow && it % GROW_EVERY === GROW_EVERY - 1 ? tryToGrow(state, repairCtx, opts.repairOrder, rank, it) : Outcome.Unchanged;
    if (grown !== Outcome.Unchanged) {
      idle = totalIdle(state);
      changes = totalChanges(state, opts.prevSlot);
      refreshPlaced();
      // Objective (1) improved: this is the new reference, whatever its idle slots.
      if (grown === Outcome.Improved) floor = idleLowerBound(pb, state.placedOf);
      if (grown === Outcome.Improved || idle + changes * changeCost < best) {
        best = idle + changes * changeCost;
        bestSlots = state.slotOf.slice();
      }
      continue;
    }
    if (placedList.length === 0) break;
    if (it % REFRESH_IDLE_EVERY === 0) idlePeople(state, idlers);
    let m: number;
    let s2: number;
    const target = idlers.length && rng.next() < 0.5 ? targetedMove(state, rng, idlers[rng.int(idlers.length)]!) : null;
    if (target) [m, s2] = target;
    else {
      m = placedList[rng.int(placedList.length)]!;
      const nAllowed = pb.allowedStart[m + 1]! - pb.allowedStart[m]!;
      if (nAllowed < 2) continue;
      s2 = pb.allowedSlots[pb.allowedStart[m]! + rng.int(nAllowed)]!;
    }
    const s1 = state.slotOf[m]!;
    if (s2 === s1 || !move.build(m, s1, s2, maxSize) || !move.tablesOk(s1, s2)) continue;
    const idleBefore = move.idleOfPeople(s1, s2);
    const changesBefore = move.changes(opts.prevSlot);
    move.apply(s1, s2);
    const dIdle = move.idleOfPeople(s1, s2) - idleBefore;
    const dChanges = move.changes(opts.prevSlot) - changesBefore;
    // Best tracking stays lexicographic (idle, then changes); acceptance also charges changes so a
    // re-run does not drift away from the previous schedule across idle-neutral moves.
    const delta = dIdle + dChanges * (hasPrevious ? RERUN_CHANGE_PENALTY : changeCost);
    if (delta <= 0 || rng.next() < Math.exp(-delta / temperature)) {
      idle += dIdle;
      changes += dChanges;
      const cost = idle + changes * changeCost;
      if (cost < best - 1e-12) {
        best = cost;
        bestSlots = state.slotOf.slice();
      }
    } else {
      move.apply(s1, s2);
    }
  }
  state.loadSlots(bestSlots);
  if (hasPrevious) revertChanges(state, move, opts.prevSlot, pb.nM);
  return { iterations: it, idle: totalIdle(state) };
}

/**
 * Re-run polish: move changed meetings back to their previous slot (with their Kempe chain)
 * whenever that does not add idle slots and lowers the number of changes.
 */
function revertChanges(state: ScheduleState, move: KempeMove, prevSlot: Int32Array, maxSize: number): void {
  const { pb } = state;
  for (let round = 0, improved = true; improved && round < 10; round++) {
    improved = false;
    for (let m = 0; m < pb.nM; m++) {
      const s1 = state.slotOf[m]!;
      const s2 = prevSlot[m]!;
      if (s1 === -1 || s2 === -1 || s1 === s2) continue;
      if (!move.build(m, s1, s2, maxSize) || !move.tablesOk(s1, s2)) continue;
      const idleBefore = move.idleOfPeople(s1, s2);
      const changesBefore = move.changes(prevSlot);
      move.apply(s1, s2);
      const dIdle = move.idleOfPeople(s1, s2) - idleBefore;
      if (dIdle < 0 || (dIdle === 0 && move.changes(prevSlot) < changesBefore)) improved = true;
      else move.apply(s1, s2);
    }
  }
}
