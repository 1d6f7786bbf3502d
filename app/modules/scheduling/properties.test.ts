import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSmallInstance } from "./generate";
import { solveSchedule } from "./solve";
import type { ScheduleInstance, ScheduleResult } from "./types";
import { validateSchedule } from "./validate";

const runs = { numRuns: 60, seed: 20261127 };
const cache = new Map<number, { inst: ScheduleInstance; result: ScheduleResult }>();

/** Random small instance (availability, request slots, few tables, some locks) and its schedule. */
function solved(seed: number) {
  let hit = cache.get(seed);
  if (!hit) {
    const inst = randomSmallInstance(seed, { maxTables: 3 });
    // Lock the first request whose pair shares a slot, at the first table.
    const first = inst.requests[0];
    if (first && seed % 3 === 0) inst.locked = [{ a: first.a, b: first.b, slot: inst.slots[seed % inst.slots.length]!.id, table: inst.tables[0]! }];
    hit = { inst, result: solveSchedule(inst, { seed, maxIterations: 2000, timeLimitMs: 5000 }) };
    cache.set(seed, hit);
  }
  return hit;
}

const seeds = fc.integer({ min: 1, max: 1_000_000 });

describe("schedule invariants on random small instances", () => {
  it("never has a participant twice in a slot", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { result } = solved(seed);
        const seen = new Set<string>();
        for (const m of result.meetings) {
          for (const p of [m.a, m.b]) {
            expect(seen.has(`${p}@${m.slot}`)).toBe(false);
            seen.add(`${p}@${m.slot}`);
          }
        }
      }),
      runs,
    );
  });

  it("never has more meetings than tables in a slot, nor a table twice", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { inst, result } = solved(seed);
        const bySlot = new Map<string, Set<string>>();
        for (const m of result.meetings) {
          const tables = bySlot.get(m.slot) ?? new Set<string>();
          expect(tables.has(m.table)).toBe(false);
          tables.add(m.table);
          bySlot.set(m.slot, tables);
        }
        for (const tables of bySlot.values()) expect(tables.size).toBeLessThanOrEqual(inst.tables.length);
      }),
      runs,
    );
  });

  it("places every unlocked meeting where both are available and the request allows", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { inst, result } = solved(seed);
        const avail = new Map(inst.participants.map((p) => [p.id, p.available]));
        const lockedKeys = new Set((inst.locked ?? []).map((l) => `${l.a}|${l.b}|${l.slot}`));
        for (const m of result.meetings) {
          if (lockedKeys.has(`${m.a}|${m.b}|${m.slot}`)) continue;
          expect(avail.get(m.a)?.includes(m.slot) ?? true).toBe(true);
          expect(avail.get(m.b)?.includes(m.slot) ?? true).toBe(true);
          const req = inst.requests.find((r) => r.a === m.a && r.b === m.b)!;
          expect(req.slots?.includes(m.slot) ?? true).toBe(true);
        }
      }),
      runs,
    );
  });

  it("accounts for every request: placed + unscheduled = requested, each left-out one with a reason", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { inst, result } = solved(seed);
        expect(result.meetings.length + result.unscheduled.length).toBe(inst.requests.length);
        expect(result.stats.scheduled + result.unscheduled.length).toBe(result.stats.requested);
        for (const u of result.unscheduled) expect(u.reason).toMatch(/^(Aucun|Plus de|Non placé)/);
        expect(validateSchedule(inst, result)).toEqual([]);
      }),
      runs,
    );
  });

  it("never beats its own upper bound nor places fewer than the bound allows to miss", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { result } = solved(seed);
        expect(result.stats.weight).toBeLessThanOrEqual(result.stats.upper_bound + 1e-9);
        expect(result.stats.requested - result.stats.scheduled).toBeGreaterThanOrEqual(result.stats.min_unscheduled);
      }),
      runs,
    );
  });
});
