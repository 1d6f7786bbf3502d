// What no schedule can fit, and sound bounds: a lower bound on meetings left out, an upper bound on weight.
import type { Problem } from "./instance";
import type { OverloadedParticipant, Precheck } from "./types";

export interface PrecheckDetail extends Precheck {
  /** excess[p] > 0: participant p has more placeable meetings than usable slots. */
  excess: Int32Array;
}

function allowedCount(pb: Problem, m: number): number {
  return pb.allowedStart[m + 1]! - pb.allowedStart[m]!;
}

/** Sum of the k smallest weights among unlocked meetings of `ms` (k ≤ their count). */
function cheapest(pb: Problem, ms: number[], k: number): number {
  if (k <= 0) return 0;
  const ws = ms.filter((m) => pb.lockedSlot[m] === -1).map((m) => pb.weight[m]!).sort((x, y) => x - y);
  let sum = 0;
  for (let i = 0; i < k && i < ws.length; i++) sum += ws[i]!;
  return sum;
}

/** Per participant: placeable meetings beyond the slots any of them may use. */
function participantExcess(pb: Problem, placeable: Uint8Array) {
  const excess = new Int32Array(pb.nP);
  const lostWeight = new Float64Array(pb.nP);
  const requested = new Int32Array(pb.nP);
  const usableSlots = new Int32Array(pb.nP);
  const seen = new Uint8Array(pb.nS);
  for (let p = 0; p < pb.nP; p++) {
    seen.fill(0);
    const ms: number[] = [];
    for (let k = pb.partStart[p]!; k < pb.partStart[p + 1]!; k++) {
      const m = pb.partMeets[k]!;
      requested[p]!++;
      if (!placeable[m]) continue;
      ms.push(m);
      for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) seen[pb.allowedSlots[i]!] = 1;
    }
    const usable = seen.reduce((acc, v) => acc + v, 0);
    usableSlots[p] = usable;
    excess[p] = Math.max(0, ms.length - usable);
    lostWeight[p] = cheapest(pb, ms, excess[p]!);
  }
  return { excess, lostWeight, requested, usableSlots };
}

/**
 * Per-participant bounds only add up over participants that share no request
 * (their meeting sets are disjoint), so pick such a set greedily, largest bound first.
 */
function disjointSum(pb: Problem, value: Float64Array | Int32Array, placeable: Uint8Array): number {
  const order = Array.from({ length: pb.nP }, (_, p) => p).filter((p) => value[p]! > 0);
  order.sort((x, y) => value[y]! - value[x]! || x - y);
  const blocked = new Uint8Array(pb.nP);
  let sum = 0;
  for (const p of order) {
    if (blocked[p]) continue;
    sum += value[p]!;
    for (let k = pb.partStart[p]!; k < pb.partStart[p + 1]!; k++) {
      const m = pb.partMeets[k]!;
      if (!placeable[m]) continue;
      blocked[pb.ma[m]!] = 1;
      blocked[pb.mb[m]!] = 1;
    }
  }
  return sum;
}

/** Slot capacity: tables, meetings allowed there, and pairs of participants available there. */
function slotCapacity(pb: Problem, placeable: Uint8Array): number {
  const allowedHere = new Int32Array(pb.nS);
  const people = new Int32Array(pb.nS);
  const mark = new Int32Array(pb.nP * pb.nS);
  for (let m = 0; m < pb.nM; m++) {
    if (!placeable[m]) continue;
    for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
      const s = pb.allowedSlots[i]!;
      allowedHere[s]!++;
      for (const p of [pb.ma[m]!, pb.mb[m]!]) {
        if (!mark[p * pb.nS + s]) {
          mark[p * pb.nS + s] = 1;
          people[s]!++;
        }
      }
    }
  }
  let cap = 0;
  for (let s = 0; s < pb.nS; s++) cap += Math.min(pb.nT, allowedHere[s]!, Math.floor(people[s]! / 2));
  return cap;
}

export function precheck(pb: Problem): PrecheckDetail {
  const placeable = new Uint8Array(pb.nM);
  const noCommonSlot: Precheck["noCommonSlot"] = [];
  let total = 0;
  let lostNoSlot = 0;
  let nPlaceable = 0;
  const placeableMs: number[] = [];
  for (let m = 0; m < pb.nM; m++) {
    total += pb.weight[m]!;
    if (allowedCount(pb, m) > 0) {
      placeable[m] = 1;
      nPlaceable++;
      placeableMs.push(m);
    } else {
      lostNoSlot += pb.weight[m]!;
      noCommonSlot.push({ a: pb.partIds[pb.ma[m]!]!, b: pb.partIds[pb.mb[m]!]! });
    }
  }
  const { excess, lostWeight, requested, usableSlots } = participantExcess(pb, placeable);
  const overloaded: OverloadedParticipant[] = [];
  for (let p = 0; p < pb.nP; p++) {
    if (excess[p]! > 0) {
      overloaded.push({ participant: pb.partIds[p]!, requested: requested[p]!, availableSlots: usableSlots[p]!, excess: excess[p]! });
    }
  }
  const capacity = pb.nT * pb.nS;
  const tableExcess = Math.max(0, nPlaceable - capacity);
  const slotExcess = Math.max(0, nPlaceable - slotCapacity(pb, placeable));
  const countLb = Math.max(disjointSum(pb, excess, placeable), slotExcess);
  const weightLb = Math.max(disjointSum(pb, lostWeight, placeable), cheapest(pb, placeableMs, slotExcess));
  return {
    requested: pb.nM,
    capacity,
    noCommonSlot,
    overloaded,
    tableExcess,
    minUnscheduled: noCommonSlot.length + countLb,
    upperBound: total - lostNoSlot - weightLb,
    excess,
  };
}
