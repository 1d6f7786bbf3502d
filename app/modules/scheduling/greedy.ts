// Most-constrained-first greedy: locks, then minimums, then meetings by weight and scarcity of slots.
import type { Problem } from "./instance";
import { idleDeltaIfAdded } from "./idle";
import type { ScheduleState } from "./state";

/** Slack of a participant: slots it may use minus meetings it asked for (smaller = tighter). */
function participantSlack(pb: Problem): Int32Array {
  const slack = new Int32Array(pb.nP);
  for (let p = 0; p < pb.nP; p++) {
    let avail = 0;
    for (let s = 0; s < pb.nS; s++) avail += pb.avail[p * pb.nS + s]!;
    slack[p] = avail - (pb.partStart[p + 1]! - pb.partStart[p]!);
  }
  return slack;
}

/** Order: heavier first, then fewest allowed slots, then tightest participant. */
export function constrainedOrder(pb: Problem): Int32Array {
  const slack = participantSlack(pb);
  const ids = Array.from({ length: pb.nM }, (_, m) => m);
  const options = (m: number) => pb.allowedStart[m + 1]! - pb.allowedStart[m]!;
  const tight = (m: number) => Math.min(slack[pb.ma[m]!]!, slack[pb.mb[m]!]!);
  ids.sort((x, y) => pb.weight[y]! - pb.weight[x]! || options(x) - options(y) || tight(x) - tight(y) || x - y);
  return Int32Array.from(ids);
}

/** Feasible slot adding the fewest idle slots; ties go to the previous slot, then the earliest. */
export function bestSlot(state: ScheduleState, m: number, prevSlot: number): number {
  const { pb } = state;
  let best = -1;
  let bestCost = Infinity;
  for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
    const s = pb.allowedSlots[i]!;
    if (!state.fits(m, s)) continue;
    const cost =
      idleDeltaIfAdded(pb, state.at, pb.ma[m]!, s) + idleDeltaIfAdded(pb, state.at, pb.mb[m]!, s) - (s === prevSlot ? 0.5 : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = s;
    }
  }
  return best;
}

export function placeLocked(state: ScheduleState): void {
  const { pb } = state;
  for (let m = 0; m < pb.nM; m++) if (pb.lockedSlot[m] !== -1) state.place(m, pb.lockedSlot[m]!);
}

/** Re-run: put meetings back where they were when that still fits. */
export function placePrevious(state: ScheduleState, order: Int32Array, prevSlot: Int32Array): void {
  for (const m of order) {
    const s = prevSlot[m]!;
    if (state.slotOf[m] === -1 && s !== -1 && state.fits(m, s)) state.place(m, s);
  }
}

/** Gives each participant with a minimum its heaviest meetings first, tightest participants first. */
export function placeMinimums(state: ScheduleState, order: Int32Array, prevSlot: Int32Array): void {
  const { pb } = state;
  const rank = new Int32Array(pb.nM);
  order.forEach((m, i) => (rank[m] = i));
  const needy = Array.from({ length: pb.nP }, (_, p) => p).filter((p) => pb.minMeetings[p]! > 0);
  needy.sort((x, y) => pb.minMeetings[y]! - pb.minMeetings[x]! || x - y);
  for (const p of needy) {
    const ms = Array.from(pb.partMeets.subarray(pb.partStart[p]!, pb.partStart[p + 1]!)).sort((x, y) => rank[x]! - rank[y]!);
    for (const m of ms) {
      if (state.placedOf[p]! >= pb.minMeetings[p]!) break;
      if (state.slotOf[m] !== -1) continue;
      const s = bestSlot(state, m, prevSlot[m]!);
      if (s !== -1) state.place(m, s);
    }
  }
}

export function greedy(state: ScheduleState, prevSlot: Int32Array): Int32Array {
  const order = constrainedOrder(state.pb);
  placeLocked(state);
  placePrevious(state, order, prevSlot);
  placeMinimums(state, order, prevSlot);
  for (const m of order) {
    if (state.slotOf[m] !== -1) continue;
    const s = bestSlot(state, m, prevSlot[m]!);
    if (s !== -1) state.place(m, s);
  }
  return order;
}
