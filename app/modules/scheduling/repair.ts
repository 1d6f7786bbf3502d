// Ejection-chain repair: place a left-out meeting by moving the meetings in its way, recursively.
import { shuffle, type Rng } from "./prng";
import type { ScheduleState } from "./state";

export interface RepairContext {
  state: ScheduleState;
  rng: Rng;
  /** tabu[m] === stamp: m was already moved in this chain (prevents cycling). */
  tabu: Int32Array;
  stamp: number;
  nodes: number;
  maxNodes: number;
  /** Repair stops starting new insertions once now() passes the deadline. */
  now: () => number;
  deadline: number;
}

export function createRepairContext(
  state: ScheduleState,
  rng: Rng,
  now: () => number,
  deadline: number,
  maxNodes = 4000,
): RepairContext {
  return { state, rng, tabu: new Int32Array(state.pb.nM), stamp: 0, nodes: 0, maxNodes, now, deadline };
}

function movable(ctx: RepairContext, m: number): boolean {
  return ctx.state.pb.lockedSlot[m] === -1 && ctx.tabu[m] !== ctx.stamp;
}

/** Meetings occupying m's participants in slot s (0, 1 or 2 of them). */
function blockersAt(ctx: RepairContext, m: number, s: number): number[] | null {
  const { state } = ctx;
  const { pb } = state;
  const out: number[] = [];
  for (const p of [pb.ma[m]!, pb.mb[m]!]) {
    const x = state.at[p * pb.nS + s]!;
    if (x === -1 || out.includes(x)) continue;
    if (!movable(ctx, x)) return null;
    out.push(x);
  }
  return out;
}

/** A movable meeting of slot s to free a table, starting from a random participant. */
function tableVictim(ctx: RepairContext, s: number, exclude: number[]): number {
  const { state } = ctx;
  const { pb } = state;
  const start = ctx.rng.int(pb.nP);
  for (let i = 0; i < pb.nP; i++) {
    const p = (start + i) % pb.nP;
    const x = state.at[p * pb.nS + s]!;
    if (x !== -1 && movable(ctx, x) && !exclude.includes(x)) return x;
  }
  return -1;
}

/** Removes what stands in m's way in slot s and places m there; false (nothing changed) if impossible. */
function clearAndPlace(ctx: RepairContext, m: number, s: number): number[] | null {
  const { state } = ctx;
  const blockers = blockersAt(ctx, m, s);
  if (!blockers) return null;
  if (state.count[s]! - blockers.length >= state.pb.nT) {
    const victim = tableVictim(ctx, s, blockers);
    if (victim === -1) return null;
    blockers.push(victim);
  }
  for (const x of blockers) state.remove(x);
  state.place(m, s);
  ctx.tabu[m] = ctx.stamp;
  return blockers;
}

/** Places m directly, or through an ejection chain of at most `depth` levels. */
export function insertWithChain(ctx: RepairContext, m: number, depth: number): boolean {
  const { state } = ctx;
  const { pb } = state;
  const lo = pb.allowedStart[m]!;
  const n = pb.allowedStart[m + 1]! - lo;
  if (n === 0) return false;
  const offset = ctx.rng.int(n);
  for (let i = 0; i < n; i++) {
    const s = pb.allowedSlots[lo + ((i + offset) % n)]!;
    if (state.fits(m, s)) {
      state.place(m, s);
      return true;
    }
  }
  if (depth === 0) return false;
  for (let i = 0; i < n; i++) {
    if (++ctx.nodes > ctx.maxNodes) return false;
    const s = pb.allowedSlots[lo + ((i + offset) % n)]!;
    const cp = state.checkpoint();
    const ejected = clearAndPlace(ctx, m, s);
    if (ejected && ejected.every((x) => insertWithChain(ctx, x, depth - 1))) {
      state.commit(cp);
      return true;
    }
    state.rollback(cp);
  }
  return false;
}

/**
 * Places m even if some meetings in its way cannot be moved elsewhere, when objective (1)
 * improves (fewer minimum shortfalls, then more weight).
 */
export function insertByEjection(ctx: RepairContext, m: number, depth: number): boolean {
  const { state } = ctx;
  const { pb } = state;
  const shortfall = state.shortfall;
  const weight = state.weight;
  for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
    const s = pb.allowedSlots[i]!;
    const cp = state.checkpoint();
    const ejected = clearAndPlace(ctx, m, s);
    if (ejected) for (const x of ejected) insertWithChain(ctx, x, depth);
    if (ejected && state.betterThan(shortfall, weight)) {
      state.commit(cp);
      return true;
    }
    state.rollback(cp);
  }
  return false;
}

/** One pass over unplaced meetings; returns true if anything improved. */
export function repairPass(ctx: RepairContext, order: Int32Array, depth: number): boolean {
  const { state } = ctx;
  let improved = false;
  for (const m of order) {
    if (state.slotOf[m] !== -1 || state.pb.allowedStart[m + 1] === state.pb.allowedStart[m]) continue;
    if (ctx.now() > ctx.deadline) break;
    ctx.stamp++;
    ctx.nodes = 0;
    if (insertWithChain(ctx, m, depth)) {
      improved = true;
      continue;
    }
    ctx.stamp++;
    ctx.nodes = 0;
    if (insertByEjection(ctx, m, depth - 1)) improved = true;
  }
  return improved;
}

/** Repeats repair passes until no pass improves, the weight bound is reached or `maxPasses` is reached. */
export function repair(ctx: RepairContext, order: Int32Array, upperBound: number, depth = 3, maxPasses = 8): void {
  for (let pass = 0; pass < maxPasses; pass++) {
    if (ctx.state.shortfall === 0 && ctx.state.weight >= upperBound - 1e-9) return;
    if (!repairPass(ctx, order, depth)) return;
  }
}

/** Improved > Moved (same objective (1), different schedule, kept to diversify) > Unchanged. */
export const Outcome = { Unchanged: 0, Moved: 1, Improved: 2 } as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * Ruin and recreate around a left-out meeting u: free u's participants (and a table) in one of its
 * slots and a few meetings nearby, then re-place them heaviest first. Kept when objective (1)
 * improves, or sometimes when it is equal (a plateau move).
 */
export function ruinAndRecreate(ctx: RepairContext, unplaced: number[], rank: Int32Array): Outcome {
  const { state, rng } = ctx;
  const { pb } = state;
  if (unplaced.length === 0) return Outcome.Unchanged;
  const u = unplaced[rng.int(unplaced.length)]!;
  const n = pb.allowedStart[u + 1]! - pb.allowedStart[u]!;
  if (n === 0 || state.slotOf[u] !== -1) return Outcome.Unchanged;
  const shortfall = state.shortfall;
  const weight = state.weight;
  const cp = state.checkpoint();
  const touched: number[] = [u];
  const people = [pb.ma[u]!, pb.mb[u]!];
  const s = pb.allowedSlots[pb.allowedStart[u]! + rng.int(n)]!;
  const ruin = (x: number) => {
    if (x === -1 || pb.lockedSlot[x] !== -1 || state.slotOf[x] === -1) return;
    state.remove(x);
    touched.push(x);
    people.push(pb.ma[x]!, pb.mb[x]!);
  };
  ruin(state.at[pb.ma[u]! * pb.nS + s]!);
  ruin(state.at[pb.mb[u]! * pb.nS + s]!);
  if (state.count[s]! >= pb.nT) {
    const inSlot = state.meetingsInSlot(s);
    ruin(inSlot[rng.int(inSlot.length)] ?? -1);
  }
  for (let k = 1 + rng.int(3); k > 0; k--) {
    const p = people[rng.int(people.length)]!;
    ruin(state.at[p * pb.nS + rng.int(pb.nS)]!);
  }
  // Recreate the ruined meetings and any other left-out meeting of the people involved.
  for (const p of people) {
    for (let k = pb.partStart[p]!; k < pb.partStart[p + 1]!; k++) {
      const x = pb.partMeets[k]!;
      if (state.slotOf[x] === -1 && !touched.includes(x)) touched.push(x);
    }
  }
  // u first (the point of the move), then heaviest first — or in random order, to diversify.
  const rest = touched.slice(1);
  if (rng.next() < 0.3) shuffle(rest, rng);
  else rest.sort((x, y) => rank[x]! - rank[y]!);
  touched.splice(1, rest.length, ...rest);
  ctx.stamp++;
  for (const x of touched) {
    ctx.nodes = 0;
    insertWithChain(ctx, x, 2);
  }
  if (state.betterThan(shortfall, weight)) {
    state.commit(cp);
    return Outcome.Improved;
  }
  const equal = state.shortfall === shortfall && Math.abs(state.weight - weight) < 1e-9;
  if (equal && rng.next() < PLATEAU_ACCEPT) {
    state.commit(cp);
    return Outcome.Moved;
  }
  state.rollback(cp);
  return Outcome.Unchanged;
}

const PLATEAU_ACCEPT = 0.3;
