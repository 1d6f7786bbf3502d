// Seeded instance generators: realistic buyer/supplier events for the benchmark, tiny random ones for tests.
import { mulberry32, shuffle, type Rng } from "./prng";
import type { ParticipantInput, RequestInput, ScheduleInstance, SlotInput } from "./types";

const pad = (n: number) => String(n).padStart(2, "0");

/** Slots of 20 min in two sessions (morning from 9:00, afternoon from 14:00). */
export function makeSlots(n: number, date = "2027-03-12"): SlotInput[] {
  const morning = Math.ceil(n / 2);
  return Array.from({ length: n }, (_, i) => {
    const startMin = i < morning ? 9 * 60 + 20 * i : 14 * 60 + 20 * (i - morning);
    const t = (m: number) => `${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00+01:00`;
    return { id: `s${i + 1}`, start: t(startMin), end: t(startMin + 20) };
  });
}

export interface EventOptions {
  participants: number;
  seed?: number;
  slots?: number;
  /** Average meetings per participant (each meeting counts for two): 8 ⇒ 2,000 participants ≈ 8,000 meetings. */
  meetingsPerParticipant?: number;
}

function slotsFor(n: number): number {
  if (n <= 150) return 16;
  if (n <= 600) return 20;
  return 24;
}

/**
 * A third buyers (each keeps a table all day), two thirds suppliers; mutual wishes weigh 2;
 * some participants miss a few slots, some requests ask for a session, some QPV suppliers
 * have a minimum of meetings.
 */
export function generateEvent(opts: EventOptions): ScheduleInstance {
  const rng = mulberry32(opts.seed ?? 42);
  const nS = opts.slots ?? slotsFor(opts.participants);
  const slots = makeSlots(nS);
  const nBuyers = Math.max(1, Math.round(opts.participants / 3));
  const nSuppliers = opts.participants - nBuyers;
  const targetMeetings = Math.round((opts.participants * (opts.meetingsPerParticipant ?? 8)) / 2);
  const participants: ParticipantInput[] = [];
  for (let i = 0; i < nBuyers; i++) participants.push({ id: `b${i + 1}`, side: "buyer", ...absence(rng, slots) });
  for (let i = 0; i < nSuppliers; i++) {
    const qpv = rng.next() < 0.1;
    participants.push({ id: `f${i + 1}`, side: "supplier", ...absence(rng, slots), ...(qpv ? { minMeetings: 2 } : {}) });
  }
  const requests = buyerSupplierRequests(rng, nBuyers, nSuppliers, targetMeetings, nS, slots);
  const tables = Array.from({ length: Math.ceil(nBuyers * 1.05) }, (_, i) => `T${i + 1}`);
  return { slots, tables, participants, requests, tableMode: "fixed" };
}

/** 10 % of participants miss 2–4 consecutive slots. */
function absence(rng: Rng, slots: SlotInput[]): Pick<ParticipantInput, "available"> {
  if (rng.next() >= 0.1) return {};
  const len = 2 + rng.int(3);
  const from = rng.int(slots.length - len + 1);
  return { available: slots.filter((_, i) => i < from || i >= from + len).map((s) => s.id) };
}

function buyerSupplierRequests(rng: Rng, nB: number, nF: number, target: number, nS: number, slots: SlotInput[]): RequestInput[] {
  const perBuyer = target / nB;
  const maxPerSupplier = Math.max(1, nS - 4);
  const supplierLoad = new Int32Array(nF);
  const morning = slots.slice(0, Math.ceil(nS / 2)).map((s) => s.id);
  const requests: RequestInput[] = [];
  for (let b = 0; b < nB; b++) {
    const degree = Math.min(nS - 2, Math.max(1, Math.round(perBuyer * (0.6 + 0.8 * rng.next()))));
    const chosen = new Set<number>();
    for (let tries = 0; chosen.size < degree && tries < degree * 10; tries++) {
      const f = rng.int(nF);
      if (supplierLoad[f]! < maxPerSupplier) chosen.add(f);
    }
    for (const f of chosen) {
      supplierLoad[f]!++;
      const req: RequestInput = { a: `b${b + 1}`, b: `f${f + 1}`, priority: rng.next() < 0.3 ? 2 : 1 };
      if (rng.next() < 0.03) req.slots = morning;
      requests.push(req);
    }
  }
  return shuffle(requests, rng);
}

export interface SmallOptions {
  minParticipants?: number;
  maxParticipants?: number;
  minSlots?: number;
  maxSlots?: number;
  /** Probability that two participants asked to meet. */
  density?: number;
  /** When true, no availability limits and every request can use every slot. */
  unrestricted?: boolean;
  maxTables?: number;
}

/** Tiny random instance (any pair may meet) for property and optimality tests. */
export function randomSmallInstance(seed: number, o: SmallOptions = {}): ScheduleInstance {
  const rng = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + rng.int(hi - lo + 1);
  const nP = between(o.minParticipants ?? 6, o.maxParticipants ?? 10);
  const nS = between(o.minSlots ?? 4, o.maxSlots ?? 6);
  const slots = makeSlots(nS);
  const tables = Array.from({ length: between(1, o.maxTables ?? 4) }, (_, i) => `T${i + 1}`);
  const density = o.density ?? 0.4;
  const participants: ParticipantInput[] = Array.from({ length: nP }, (_, i) => {
    const p: ParticipantInput = { id: `p${i + 1}` };
    if (!o.unrestricted && rng.next() < 0.3) p.available = slots.filter(() => rng.next() < 0.7).map((s) => s.id);
    return p;
  });
  const requests: RequestInput[] = [];
  for (let i = 0; i < nP; i++) {
    for (let j = i + 1; j < nP; j++) {
      if (rng.next() >= density) continue;
      const r: RequestInput = { a: `p${i + 1}`, b: `p${j + 1}`, priority: 1 + rng.int(3) };
      if (!o.unrestricted && rng.next() < 0.2) r.slots = slots.filter(() => rng.next() < 0.6).map((s) => s.id);
      requests.push(r);
    }
  }
  return { slots, tables, participants, requests };
}
