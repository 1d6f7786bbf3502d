// Plain greedy for comparison: request order, first free slot, no repair, no local search.
import { normalize } from "./instance";
import { precheck } from "./precheck";
import { buildResult, mapPrevious } from "./solve";
import { placeLocked } from "./greedy";
import { ScheduleState } from "./state";
import type { ScheduleInstance, ScheduleResult } from "./types";

export function solveGreedyBaseline(instance: ScheduleInstance, now: () => number = () => performance.now()): ScheduleResult {
  const t0 = now();
  const pb = normalize(instance);
  const pre = precheck(pb);
  const state = new ScheduleState(pb);
  placeLocked(state);
  for (let m = 0; m < pb.nM; m++) {
    if (state.slotOf[m] !== -1) continue;
    for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
      const s = pb.allowedSlots[i]!;
      if (state.fits(m, s)) {
        state.place(m, s);
        break;
      }
    }
  }
  const { prevSlot, prevTable } = mapPrevious(pb, undefined);
  return buildResult(pb, state, pre, { solver: "greedy-baseline", startedAt: t0, now, iterations: 0, prevSlot, prevTable });
}
