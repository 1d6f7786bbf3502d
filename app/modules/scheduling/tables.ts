// Tables are assigned once slots are fixed: any slot with ≤ tables meetings can be seated.
import type { Problem } from "./instance";

/**
 * The participant who keeps a meeting's table stable: a fixed-table holder, else the one
 * with more meetings (they would move most often).
 */
function anchorOf(pb: Problem, m: number, load: Int32Array): number {
  const a = pb.ma[m]!;
  const b = pb.mb[m]!;
  if (pb.homeTable[a] !== -1) return a;
  if (pb.homeTable[b] !== -1) return b;
  return load[b]! > load[a]! ? b : a;
}

/**
 * Returns the table index of each meeting (−1 when unplaced). Order of preference in a slot:
 * locked table, the holder's fixed table, the previous run's table, the anchor's last table,
 * then a table that nobody holds, then any free table.
 */
export function assignTables(pb: Problem, slotOf: Int32Array, prevSlot: Int32Array, prevTable: Int32Array): Int32Array {
  const tableOf = new Int32Array(pb.nM).fill(-1);
  const load = new Int32Array(pb.nP);
  const bySlot: number[][] = Array.from({ length: pb.nS }, () => []);
  for (let m = 0; m < pb.nM; m++) {
    if (slotOf[m] === -1) continue;
    load[pb.ma[m]!]!++;
    load[pb.mb[m]!]!++;
    bySlot[slotOf[m]!]!.push(m);
  }
  const held = new Uint8Array(pb.nT);
  for (let p = 0; p < pb.nP; p++) if (pb.homeTable[p] !== -1) held[pb.homeTable[p]!] = 1;
  const lastTable = Int32Array.from(pb.homeTable);
  const usedStamp = new Int32Array(pb.nT).fill(-1);

  for (let s = 0; s < pb.nS; s++) {
    const ms = bySlot[s]!;
    const take = (m: number, t: number): boolean => {
      if (t === -1 || usedStamp[t] === s || tableOf[m] !== -1) return false;
      usedStamp[t] = s;
      tableOf[m] = t;
      const anchor = anchorOf(pb, m, load);
      if (pb.homeTable[anchor] === -1) lastTable[anchor] = t;
      return true;
    };
    for (const m of ms) take(m, pb.lockedTable[m]!);
    for (const m of ms) take(m, pb.homeTable[anchorOf(pb, m, load)]!);
    for (const m of ms) if (prevSlot[m] === s) take(m, prevTable[m]!);
    for (const m of ms) take(m, lastTable[anchorOf(pb, m, load)]!);
    let next = 0;
    for (const m of ms) {
      if (tableOf[m] !== -1) continue;
      // Prefer tables nobody holds, then idle holders' tables.
      let t = -1;
      for (let k = 0; k < pb.nT && t === -1; k++) {
        const c = (next + k) % pb.nT;
        if (usedStamp[c] !== s && !held[c]) t = c;
      }
      for (let c = 0; c < pb.nT && t === -1; c++) if (usedStamp[c] !== s) t = c;
      next = t + 1;
      take(m, t);
    }
  }
  return tableOf;
}

/** Times a participant changes table between two consecutive meetings of the day. */
export function tableChanges(pb: Problem, slotOf: Int32Array, tableOf: Int32Array): number {
  const last = new Int32Array(pb.nP).fill(-1);
  const bySlot: number[][] = Array.from({ length: pb.nS }, () => []);
  for (let m = 0; m < pb.nM; m++) if (slotOf[m] !== -1) bySlot[slotOf[m]!]!.push(m);
  let changes = 0;
  for (const ms of bySlot) {
    for (const m of ms) {
      for (const p of [pb.ma[m]!, pb.mb[m]!]) {
        if (last[p] !== -1 && last[p] !== tableOf[m]) changes++;
        last[p] = tableOf[m]!;
      }
    }
  }
  return changes;
}
