// Mutable slot assignment shared by greedy, repair and local search, with an undo journal.
import type { Problem } from "./instance";

export class ScheduleState {
  readonly slotOf: Int32Array;
  /** at[p * nS + s] = meeting of participant p in slot s, or -1. */
  readonly at: Int32Array;
  /** Meetings per slot (≤ number of tables). */
  readonly count: Int32Array;
  readonly placedOf: Int32Array;
  weight = 0;
  placed = 0;
  /** Σ max(0, minMeetings − placed meetings) over participants. */
  shortfall = 0;
  /** Undo log of (meeting, previous slot) pairs, active while journaling. */
  private journal: number[] = [];
  private journaling = 0;

  constructor(readonly pb: Problem) {
    this.slotOf = new Int32Array(pb.nM).fill(-1);
    this.at = new Int32Array(pb.nP * pb.nS).fill(-1);
    this.count = new Int32Array(pb.nS);
    this.placedOf = new Int32Array(pb.nP);
    for (let p = 0; p < pb.nP; p++) this.shortfall += pb.minMeetings[p]!;
  }

  isFree(p: number, s: number): boolean {
    return this.at[p * this.pb.nS + s] === -1;
  }

  allowed(m: number, s: number): boolean {
    return this.pb.allowedMask[m * this.pb.nS + s] === 1;
  }

  /** Both participants free, slot allowed and a table left. */
  fits(m: number, s: number): boolean {
    const { pb } = this;
    return (
      this.allowed(m, s) &&
      this.count[s]! < pb.nT &&
      this.at[pb.ma[m]! * pb.nS + s] === -1 &&
      this.at[pb.mb[m]! * pb.nS + s] === -1
    );
  }

  place(m: number, s: number): void {
    const { pb } = this;
    if (this.journaling) this.journal.push(m, this.slotOf[m]!);
    this.slotOf[m] = s;
    this.at[pb.ma[m]! * pb.nS + s] = m;
    this.at[pb.mb[m]! * pb.nS + s] = m;
    this.count[s]!++;
    this.weight += pb.weight[m]!;
    this.placed++;
    this.bump(pb.ma[m]!, 1);
    this.bump(pb.mb[m]!, 1);
  }

  remove(m: number): void {
    const { pb } = this;
    const s = this.slotOf[m]!;
    if (this.journaling) this.journal.push(m, s);
    this.slotOf[m] = -1;
    this.at[pb.ma[m]! * pb.nS + s] = -1;
    this.at[pb.mb[m]! * pb.nS + s] = -1;
    this.count[s]!--;
    this.weight -= pb.weight[m]!;
    this.placed--;
    this.bump(pb.ma[m]!, -1);
    this.bump(pb.mb[m]!, -1);
  }

  private bump(p: number, d: 1 | -1): void {
    const before = this.placedOf[p]!;
    this.placedOf[p] = before + d;
    const min = this.pb.minMeetings[p]!;
    if (d === 1 && before < min) this.shortfall--;
    if (d === -1 && before <= min) this.shortfall++;
  }

  /** Starts (or nests) journaling; returns a checkpoint for rollback. */
  checkpoint(): number {
    this.journaling++;
    return this.journal.length;
  }

  /** Undoes every change made since the checkpoint. */
  rollback(cp: number): void {
    const saved = this.journaling;
    this.journaling = 0;
    while (this.journal.length > cp) {
      const prev = this.journal.pop()!;
      const m = this.journal.pop()!;
      if (this.slotOf[m] !== -1) this.remove(m);
      if (prev !== -1) this.place(m, prev);
    }
    this.journaling = saved - 1;
  }

  /** Keeps the changes since the checkpoint. */
  commit(cp: number): void {
    this.journaling--;
    if (this.journaling === 0) this.journal.length = 0;
    else if (this.journal.length < cp) throw new Error("journal corrompu");
  }

  /** Lexicographic objective (1): fewer minimum shortfalls first, then more weight. */
  betterThan(shortfall: number, weight: number): boolean {
    if (this.shortfall !== shortfall) return this.shortfall < shortfall;
    return this.weight > weight + 1e-9;
  }

  /** Meetings placed in slot s (scans participants; used outside hot loops). */
  meetingsInSlot(s: number): number[] {
    const { pb } = this;
    const out: number[] = [];
    for (let p = 0; p < pb.nP; p++) {
      const m = this.at[p * pb.nS + s]!;
      if (m !== -1 && pb.ma[m] === p) out.push(m);
    }
    return out;
  }

  loadSlots(slotOf: Int32Array): void {
    for (let m = 0; m < this.pb.nM; m++) if (this.slotOf[m] !== -1) this.remove(m);
    for (let m = 0; m < this.pb.nM; m++) if (slotOf[m] !== -1) this.place(m, slotOf[m]!);
  }
}
