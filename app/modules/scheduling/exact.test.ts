import { describe, expect, it } from "vitest";
import { solveExact } from "./exact";
import { randomSmallInstance } from "./generate";
import { normalize } from "./instance";
import { precheck } from "./precheck";
import { solveSchedule } from "./solve";

const SEEDS = Array.from({ length: 30 }, (_, i) => 1000 + i * 7919);

describe("optimality against the HiGHS exact model", () => {
  it("places the optimal priority weight on random small instances", { timeout: 30_000 }, async () => {
    for (const seed of SEEDS) {
      const inst = randomSmallInstance(seed, { density: 0.5, maxTables: 3 });
      const pb = normalize(inst);
      const exact = await solveExact(pb);
      expect(exact.status).toBe("Optimal");
      const heuristic = solveSchedule(inst, { seed: 1, maxIterations: 3000, timeLimitMs: 5000 });
      expect({ seed, weight: heuristic.stats.weight }).toEqual({ seed, weight: exact.weight });
      // The bound is sound: never below the true optimum.
      expect(precheck(pb).upperBound).toBeGreaterThanOrEqual(exact.weight - 1e-9);
    }
  });

  it("reaches the minimum idle slots of the exact model", { timeout: 60_000 }, async () => {
    let allFit = 0;
    let withIdle = 0;
    for (const seed of SEEDS.slice(0, 12)) {
      const inst = randomSmallInstance(seed, { density: 0.45, maxParticipants: 8, minSlots: 5, maxSlots: 6, maxTables: 5 });
      const exact = await solveExact(normalize(inst), { idle: true, timeLimitSec: 20 });
      expect(exact.status).toBe("Optimal");
      const heuristic = solveSchedule(inst, { seed: 1, maxIterations: 5000, timeLimitMs: 5000 });
      if (exact.weight >= inst.requests.reduce((sum, r) => sum + r.priority, 0)) {
        // Everything fits: the idle slots must be the true minimum.
        allFit++;
        if (exact.idle! > 0) withIdle++;
        expect({ seed, idle: heuristic.stats.idle_slots }).toEqual({ seed, idle: exact.idle });
      } else {
        // Some meetings out: which ones are out also shapes the gaps; stay within one slot.
        expect(heuristic.stats.idle_slots).toBeLessThanOrEqual(exact.idle! + 1);
      }
    }
    expect(allFit).toBeGreaterThanOrEqual(6);
    expect(withIdle).toBeGreaterThanOrEqual(1);
  });

  it("puts minimums before weight, like the exact model", { timeout: 30_000 }, async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      const inst = randomSmallInstance(seed, { density: 0.6, maxSlots: 4, maxTables: 2 });
      inst.participants.forEach((p, i) => i % 3 === 0 && (p.minMeetings = 2));
      const pb = normalize(inst);
      const exact = await solveExact(pb);
      const heuristic = solveSchedule(inst, { seed: 1, maxIterations: 3000, timeLimitMs: 5000 });
      let shortfall = 0;
      for (let p = 0; p < pb.nP; p++) {
        const got = heuristic.meetings.filter((m) => m.a === pb.partIds[p] || m.b === pb.partIds[p]).length;
        shortfall += Math.max(0, pb.minMeetings[p]! - got);
      }
      expect({ seed, shortfall, weight: heuristic.stats.weight }).toEqual({ seed, shortfall: exact.shortfall, weight: exact.weight });
    }
  });
});
