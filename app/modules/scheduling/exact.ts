// Exact MIP (HiGHS) of objective (1), then optionally (2) at that optimum — for small instances and tests.
import highsLoader from "highs";
import type { Problem } from "./instance";

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | undefined;

function loadHighs(): Promise<Highs> {
  highsPromise ??= highsLoader();
  return highsPromise;
}

export interface ExactResult {
  status: string;
  /** Optimal priority weight (objective 1, with minimums first when some participant has one). */
  weight: number;
  /** Σ max(0, minMeetings − placed) at the optimum. */
  shortfall: number;
  /** Minimum idle slots among weight-optimal schedules (only when asked). */
  idle?: number;
  slotOf: Int32Array;
}

const x = (m: number, s: number) => `x${m}_${s}`;

/** Writes `name: terms <op> rhs` on several lines (LP format lines stay short). */
function row(name: string, terms: string[], op: string, rhs: number): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 12) lines.push(terms.slice(i, i + 12).join(" + "));
  return ` ${name}: ${lines.join("\n + ")} ${op} ${rhs}`;
}

function assignmentRows(pb: Problem): { rows: string[]; vars: string[] } {
  const rows: string[] = [];
  const vars: string[] = [];
  const byPartSlot = new Map<number, string[]>();
  const bySlot: string[][] = Array.from({ length: pb.nS }, () => []);
  for (let m = 0; m < pb.nM; m++) {
    const mine: string[] = [];
    for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
      const s = pb.allowedSlots[i]!;
      const v = x(m, s);
      mine.push(v);
      vars.push(v);
      bySlot[s]!.push(v);
      for (const p of [pb.ma[m]!, pb.mb[m]!]) {
        const key = p * pb.nS + s;
        const list = byPartSlot.get(key);
        if (list) list.push(v);
        else byPartSlot.set(key, [v]);
      }
    }
    if (mine.length) rows.push(row(`m${m}`, mine, pb.lockedSlot[m] === -1 ? "<=" : "=", 1));
  }
  for (const [key, list] of byPartSlot) if (list.length > 1) rows.push(row(`p${key}`, list, "<=", 1));
  bySlot.forEach((list, s) => list.length > pb.nT && rows.push(row(`t${s}`, list, "<=", pb.nT)));
  return { rows, vars };
}

/** busy(p, s) terms: the x variables of p's meetings allowed in s. */
function busyTerms(pb: Problem, p: number, s: number): string[] {
  const out: string[] = [];
  for (let k = pb.partStart[p]!; k < pb.partStart[p + 1]!; k++) {
    const m = pb.partMeets[k]!;
    if (pb.allowedMask[m * pb.nS + s]) out.push(x(m, s));
  }
  return out;
}

/** Shortfall variables f_p ≥ minMeetings_p − placed_p. */
function shortfallRows(pb: Problem): { rows: string[]; vars: string[] } {
  const rows: string[] = [];
  const vars: string[] = [];
  for (let p = 0; p < pb.nP; p++) {
    if (pb.minMeetings[p]! <= 0) continue;
    const terms: string[] = [];
    for (let s = 0; s < pb.nS; s++) terms.push(...busyTerms(pb, p, s));
    vars.push(`f${p}`);
    rows.push(row(`min${p}`, [...terms, `f${p}`], ">=", pb.minMeetings[p]!));
  }
  return { rows, vars };
}

/**
 * Idle slots: u = started by s, v = meetings still to come from s; idle ≥ u + v − 1 − busy.
 * u, v, idle may stay continuous: minimisation drives them to integral values.
 */
function idleRows(pb: Problem): { rows: string[]; vars: string[] } {
  const rows: string[] = [];
  const vars: string[] = [];
  for (let p = 0; p < pb.nP; p++) {
    if (pb.partStart[p + 1]! - pb.partStart[p]! < 2) continue;
    for (let q = 0; q < pb.sessionStart.length; q++) {
      const lo = pb.sessionStart[q]!;
      const hi = pb.sessionEnd[q]!;
      for (let s = lo; s < hi; s++) {
        const busy = busyTerms(pb, p, s);
        const u = `u${p}_${s}`;
        const v = `v${p}_${s}`;
        vars.push(u, v);
        if (s > lo) rows.push(` ru${p}_${s}: ${u} - u${p}_${s - 1} >= 0`);
        if (s < hi - 1) rows.push(` rv${p}_${s}: ${v} - v${p}_${s + 1} >= 0`);
        for (const b of busy) rows.push(` bu${p}_${b}: ${u} - ${b} >= 0`, ` bv${p}_${b}: ${v} - ${b} >= 0`);
        if (s > lo && s < hi - 1) {
          const idle = `i${p}_${s}`;
          vars.push(idle);
          rows.push(` ri${p}_${s}: ${idle} - ${u} - ${v}${busy.map((b) => ` + ${b}`).join("")} >= -1`);
        }
      }
    }
  }
  return { rows, vars };
}

function weightTerms(pb: Problem, big: number): string[] {
  const terms: string[] = [];
  for (let m = 0; m < pb.nM; m++) {
    for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) terms.push(`${pb.weight[m]} ${x(m, pb.allowedSlots[i]!)}`);
  }
  for (let p = 0; p < pb.nP; p++) if (pb.minMeetings[p]! > 0) terms.push(`- ${big} f${p}`);
  return terms;
}

function lp(sense: string, objective: string[], rows: string[], binaries: string[], bounds: string[] = []): string {
  const obj = objective.length ? objective.join(" + ").replace(/\+ -/g, "-") : "0 x_dummy";
  return [sense, ` obj: ${obj}`, "Subject To", ...(rows.length ? rows : [" dummy: x_dummy >= 0"]), "Bounds", ...bounds, "Binary", ...binaries, "End"].join("\n");
}

function readSlots(pb: Problem, columns: Record<string, { Primal: number }>): Int32Array {
  const slotOf = new Int32Array(pb.nM).fill(-1);
  for (let m = 0; m < pb.nM; m++) {
    for (let i = pb.allowedStart[m]!; i < pb.allowedStart[m + 1]!; i++) {
      const s = pb.allowedSlots[i]!;
      if ((columns[x(m, s)]?.Primal ?? 0) > 0.5) slotOf[m] = s;
    }
  }
  return slotOf;
}

/**
 * Maximises objective (1); with `idle`, then minimises idle slots among schedules of that value.
 * Meant for small instances (a few hundred x variables).
 */
export async function solveExact(pb: Problem, opts: { idle?: boolean; timeLimitSec?: number } = {}): Promise<ExactResult> {
  const highs = await loadHighs();
  const options = { time_limit: opts.timeLimitSec ?? 20, output_flag: false } as const;
  const { rows, vars } = assignmentRows(pb);
  const sf = shortfallRows(pb);
  let total = 0;
  for (let m = 0; m < pb.nM; m++) total += pb.weight[m]!;
  const big = total + 1;
  const objective = weightTerms(pb, big);
  const first = highs.solve(lp("Maximize", objective, [...rows, ...sf.rows], vars), options);
  const slotOf = readSlots(pb, first.Columns as Record<string, { Primal: number }>);
  const shortfall = sf.vars.reduce((acc, f) => acc + Math.round((first.Columns as Record<string, { Primal: number }>)[f]?.Primal ?? 0), 0);
  let weight = 0;
  for (let m = 0; m < pb.nM; m++) if (slotOf[m] !== -1) weight += pb.weight[m]!;
  const result: ExactResult = { status: first.Status, weight, shortfall, slotOf };
  if (!opts.idle || first.Status !== "Optimal") return result;

  const idle = idleRows(pb);
  const keep = ` keep: ${objective.join(" + ").replace(/\+ -/g, "-")} >= ${first.ObjectiveValue - 1e-6}`;
  const idleVars = idle.vars.filter((v) => v.startsWith("i"));
  const second = highs.solve(lp("Minimize", idleVars, [...rows, ...sf.rows, ...idle.rows, keep], vars), options);
  result.status = second.Status;
  if (second.Status === "Optimal") {
    result.idle = Math.round(second.ObjectiveValue);
    result.slotOf = readSlots(pb, second.Columns as Record<string, { Primal: number }>);
  }
  return result;
}
