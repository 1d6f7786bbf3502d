// Idle-slot metrics: free slots strictly between a participant's first and last meeting of a session.
import type { Problem } from "./instance";

/** Idle slots of participant p in session q, given at[p * nS + s] (−1 = free). */
export function idleInSession(pb: Problem, at: Int32Array, p: number, q: number): number {
  const base = p * pb.nS;
  let first = -1;
  let last = -1;
  let busy = 0;
  for (let s = pb.sessionStart[q]!, e = pb.sessionEnd[q]!; s < e; s++) {
    if (at[base + s] !== -1) {
      if (first === -1) first = s;
      last = s;
      busy++;
    }
  }
  return first === -1 ? 0 : last - first + 1 - busy;
}

export function idleOfParticipant(pb: Problem, at: Int32Array, p: number): number {
  let idle = 0;
  for (let q = 0; q < pb.sessionStart.length; q++) idle += idleInSession(pb, at, p, q);
  return idle;
}

export interface IdleSummary {
  total: number;
  max: number;
  perParticipant: Int32Array;
}

export function idleSummary(pb: Problem, at: Int32Array): IdleSummary {
  const perParticipant = new Int32Array(pb.nP);
  let total = 0;
  let max = 0;
  for (let p = 0; p < pb.nP; p++) {
    const v = idleOfParticipant(pb, at, p);
    perParticipant[p] = v;
    total += v;
    if (v > max) max = v;
  }
  return { total, max, perParticipant };
}

/** Change in p's idle slots if slot s became busy (a meeting added) — used by greedy slot choice. */
export function idleDeltaIfAdded(pb: Problem, at: Int32Array, p: number, s: number): number {
  const q = pb.sessionOf[s]!;
  const before = idleInSession(pb, at, p, q);
  const base = p * pb.nS;
  let first = s;
  let last = s;
  let busy = 1;
  for (let t = pb.sessionStart[q]!, e = pb.sessionEnd[q]!; t < e; t++) {
    if (t !== s && at[base + t] !== -1) {
      if (t < first) first = t;
      if (t > last) last = t;
      busy++;
    }
  }
  return last - first + 1 - busy - before;
}

/** Fewest idle slots to fit k meetings among the `usable` slots of one session (Infinity if impossible). */
function sessionIdleFloor(usable: Uint8Array, lo: number, hi: number, k: number): number {
  if (k === 0) return 0;
  let best = Infinity;
  for (let i = lo; i < hi; i++) {
    if (!usable[i]) continue;
    let count = 0;
    for (let j = i; j < hi; j++) {
      count += usable[j]!;
      if (count >= k && usable[j]) {
        best = Math.min(best, j - i + 1 - k);
        break;
      }
    }
  }
  return best;
}

/**
 * Lower bound on total idle slots for schedules where participant p has `meetings[p]` meetings:
 * each participant alone, free to use any slot one of its meetings allows, split over sessions
 * as well as possible. Participants are independent here, so the sum is a valid bound.
 */
export function idleLowerBound(pb: Problem, meetings: Int32Array): number {
  const usable = new Uint8Array(pb.nS);
  const nQ = pb.sessionStart.length;
  let total = 0;
  for (let p = 0; p < pb.nP; p++) {
    const d = meetings[p]!;
    if (d < 2) continue;
    usable.fill(0);
    for (let k = pb.partStart[p]!; k < pb.partStart[p + 1]!; k++) {
      const m = pb.partMeets[k]!;
      for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) usable[pb.allowedSlots[i]!] = 1;
    }
    // best[k] = fewest idle slots placing k meetings in the sessions seen so far.
    let best = new Float64Array(d + 1).fill(Infinity);
    best[0] = 0;
    for (let q = 0; q < nQ; q++) {
      const next = new Float64Array(d + 1).fill(Infinity);
      for (let k = 0; k <= d; k++) {
        if (best[k] === Infinity) continue;
        for (let add = 0; k + add <= d; add++) {
          const cost = sessionIdleFloor(usable, pb.sessionStart[q]!, pb.sessionEnd[q]!, add);
          if (cost === Infinity) break;
          next[k + add] = Math.min(next[k + add]!, best[k]! + cost);
        }
      }
      best = next;
    }
    if (best[d]! < Infinity) total += best[d]!;
  }
  return total;
}
