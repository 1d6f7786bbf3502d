// JSON instance format (zod, French messages) and normalisation into indexed int arrays.
import { z } from "zod";
import type { ScheduleInstance, TableMode } from "./types";

const Id = z.union([z.string().min(1, { error: "Identifiant vide" }), z.number()], {
  error: "Identifiant attendu (texte ou nombre)",
}).transform((v) => String(v));

const SlotSchema = z.object({
  id: Id,
  start: z.string({ error: "Heure de début attendue (texte ISO 8601)" }).optional(),
  end: z.string({ error: "Heure de fin attendue (texte ISO 8601)" }).optional(),
  session: z.union([z.string(), z.number()]).transform((v) => String(v)).optional(),
});

const ParticipantSchema = z.object({
  id: Id,
  side: z.string({ error: "Le côté doit être un texte (ex. « acheteur »)" }).optional(),
  available: z.array(Id, { error: "« available » doit être une liste de créneaux" }).optional(),
  minMeetings: z
    .number({ error: "« minMeetings » doit être un nombre" })
    .int({ error: "« minMeetings » doit être un entier" })
    .min(0, { error: "« minMeetings » ne peut pas être négatif" })
    .optional(),
});

const RequestSchema = z.object({
  a: Id,
  b: Id,
  priority: z
    .number({ error: "La priorité doit être un nombre" })
    .positive({ error: "La priorité doit être strictement positive" })
    .default(1),
  slots: z.array(Id, { error: "« slots » doit être une liste de créneaux" }).optional(),
});

const MeetingSchema = z.object({ a: Id, b: Id, slot: Id, table: Id });

export const InstanceSchema = z.object(
  {
    slots: z.array(SlotSchema, { error: "« slots » doit être une liste" }).min(1, { error: "Il faut au moins un créneau" }),
    tables: z.array(Id, { error: "« tables » doit être une liste" }).min(1, { error: "Il faut au moins une table" }),
    participants: z.array(ParticipantSchema, { error: "« participants » doit être une liste" }),
    requests: z.array(RequestSchema, { error: "« requests » doit être une liste" }),
    locked: z.array(MeetingSchema, { error: "« locked » doit être une liste" }).optional(),
    previous: z.array(MeetingSchema).optional(),
    tableMode: z.enum(["any", "fixed"], { error: "« tableMode » vaut « any » ou « fixed »" }).optional(),
    tableOf: z.record(z.string(), Id, { error: "« tableOf » doit associer un participant à une table" }).optional(),
  },
  { error: "L'instance doit être un objet JSON" },
);

export class InstanceError extends Error {
  constructor(readonly issues: string[]) {
    super(`Instance invalide :\n- ${issues.join("\n- ")}`);
    this.name = "InstanceError";
  }
}

/** Validates unknown JSON; throws InstanceError with French messages. */
export function parseInstance(json: unknown): ScheduleInstance & { previous?: ScheduleInstance["locked"] } {
  const parsed = InstanceSchema.safeParse(json);
  if (!parsed.success) {
    throw new InstanceError(
      parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")} : ${i.message}` : i.message)),
    );
  }
  return parsed.data;
}

/** Indexed, int-based form of an instance; meeting m joins participants ma[m] and mb[m]. */
export interface Problem {
  slotIds: string[];
  tableIds: string[];
  partIds: string[];
  nS: number;
  nT: number;
  nP: number;
  nM: number;
  /** Session index of each slot; sessions are contiguous runs of slots. */
  sessionOf: Int32Array;
  sessionStart: Int32Array;
  sessionEnd: Int32Array;
  /** avail[p * nS + s] = 1 when participant p is available in slot s. */
  avail: Uint8Array;
  ma: Int32Array;
  mb: Int32Array;
  weight: Float64Array;
  /** Allowed slots of meeting m: allowedSlots[allowedStart[m] .. allowedStart[m+1]). */
  allowedStart: Int32Array;
  allowedSlots: Int32Array;
  allowedMask: Uint8Array;
  /** Slots allowed by the request alone (before availability), for reasons and bounds. */
  requestMask: Uint8Array;
  lockedSlot: Int32Array;
  lockedTable: Int32Array;
  minMeetings: Int32Array;
  /** Meetings of participant p: partMeets[partStart[p] .. partStart[p+1]). */
  partStart: Int32Array;
  partMeets: Int32Array;
  tableMode: TableMode;
  /** Fixed table per participant (-1 = none). */
  homeTable: Int32Array;
  /** True for synthetic requests created from a lock that matched no request. */
  synthetic: Uint8Array;
}

const SESSION_GAP_MS = 45 * 60_000;

function indexIds(ids: string[], label: string, issues: string[]): Map<string, number> {
  const map = new Map<string, number>();
  ids.forEach((id, i) => {
    if (map.has(id)) issues.push(`${label} « ${id} » en double`);
    else map.set(id, i);
  });
  return map;
}

/** Sessions from explicit labels, else from gaps > 45 min or a date change, else one session. */
export function deriveSessions(slots: ScheduleInstance["slots"]): Int32Array {
  const sessionOf = new Int32Array(slots.length);
  const labelled = slots.every((s) => s.session !== undefined);
  const timed = slots.every((s) => s.start !== undefined && !Number.isNaN(Date.parse(s.start)));
  let current = 0;
  for (let i = 1; i < slots.length; i++) {
    const prev = slots[i - 1]!;
    const cur = slots[i]!;
    let split = false;
    if (labelled) split = prev.session !== cur.session;
    else if (timed) {
      const prevEnd = prev.end !== undefined && !Number.isNaN(Date.parse(prev.end)) ? prev.end : prev.start!;
      split = Date.parse(cur.start!) - Date.parse(prevEnd) > SESSION_GAP_MS || cur.start!.slice(0, 10) !== prev.start!.slice(0, 10);
    }
    if (split) current++;
    sessionOf[i] = current;
  }
  return sessionOf;
}

interface LockLookup {
  slot: number;
  table: number;
}

function resolveLocks(inst: ScheduleInstance, slotIdx: Map<string, number>, tableIdx: Map<string, number>, partIdx: Map<string, number>, issues: string[]) {
  const locks: { a: number; b: number; lock: LockLookup }[] = [];
  const seenPart = new Set<string>();
  const seenTable = new Set<string>();
  for (const l of inst.locked ?? []) {
    const a = partIdx.get(l.a);
    const b = partIdx.get(l.b);
    const slot = slotIdx.get(l.slot);
    const table = tableIdx.get(l.table);
    if (a === undefined || b === undefined || slot === undefined || table === undefined) {
      issues.push(`Rendez-vous verrouillé ${l.a}–${l.b} : participant, créneau ou table inconnu`);
      continue;
    }
    for (const p of [l.a, l.b]) {
      const key = `${p}@${l.slot}`;
      if (seenPart.has(key)) issues.push(`Rendez-vous verrouillés en conflit : ${p} a deux rendez-vous au créneau ${l.slot}`);
      seenPart.add(key);
    }
    const tkey = `${l.table}@${l.slot}`;
    if (seenTable.has(tkey)) issues.push(`Rendez-vous verrouillés en conflit : table ${l.table} prise deux fois au créneau ${l.slot}`);
    seenTable.add(tkey);
    locks.push({ a, b, lock: { slot, table } });
  }
  return locks;
}

function buildHomeTables(inst: ScheduleInstance, partIdx: Map<string, number>, tableIdx: Map<string, number>, nP: number, nT: number, issues: string[]): Int32Array {
  const home = new Int32Array(nP).fill(-1);
  if ((inst.tableMode ?? "any") !== "fixed") return home;
  const owner = new Map<number, string>();
  const assign = (pid: string, tid: string) => {
    const p = partIdx.get(pid);
    const t = tableIdx.get(tid);
    if (p === undefined) return issues.push(`tableOf : participant « ${pid} » inconnu`);
    if (t === undefined) return issues.push(`tableOf : table « ${tid} » inconnue`);
    if (owner.has(t)) return issues.push(`tableOf : la table « ${tid} » est attribuée à ${owner.get(t)} et à ${pid}`);
    owner.set(t, pid);
    home[p] = t;
  };
  if (inst.tableOf) {
    for (const [pid, tid] of Object.entries(inst.tableOf)) assign(pid, tid);
    return home;
  }
  // Side-based default: each buyer sits at its own table, in input order.
  const buyers = inst.participants.filter((p) => /^(buyer|acheteur)$/i.test(p.side ?? ""));
  if (buyers.length > nT) issues.push(`Mode table fixe : ${buyers.length} acheteurs pour ${nT} tables`);
  else buyers.forEach((p, i) => assign(p.id, inst.tables[i]!));
  return home;
}

/** Normalises a validated instance; throws InstanceError on references to unknown ids or clashing locks. */
export function normalize(inst: ScheduleInstance): Problem {
  const issues: string[] = [];
  const slotIdx = indexIds(inst.slots.map((s) => s.id), "Créneau", issues);
  const tableIdx = indexIds(inst.tables, "Table", issues);
  const partIdx = indexIds(inst.participants.map((p) => p.id), "Participant", issues);
  const nS = inst.slots.length;
  const nT = inst.tables.length;
  const nP = inst.participants.length;

  const avail = new Uint8Array(nP * nS);
  const minMeetings = new Int32Array(nP);
  inst.participants.forEach((p, i) => {
    minMeetings[i] = p.minMeetings ?? 0;
    if (!p.available) return avail.fill(1, i * nS, (i + 1) * nS);
    for (const sid of p.available) {
      const s = slotIdx.get(sid);
      if (s === undefined) issues.push(`Participant ${p.id} : créneau « ${sid} » inconnu`);
      else avail[i * nS + s] = 1;
    }
  });

  const reqs: { a: number; b: number; w: number; slots?: string[]; lock?: LockLookup; synthetic: boolean }[] = [];
  inst.requests.forEach((r, k) => {
    const a = partIdx.get(r.a);
    const b = partIdx.get(r.b);
    if (a === undefined || b === undefined) {
      issues.push(`Demande n°${k + 1} : participant « ${a === undefined ? r.a : r.b} » inconnu`);
      return;
    }
    if (a === b) issues.push(`Demande n°${k + 1} : un participant ne peut pas se rencontrer lui-même (${r.a})`);
    for (const sid of r.slots ?? []) if (!slotIdx.has(sid)) issues.push(`Demande n°${k + 1} : créneau « ${sid} » inconnu`);
    reqs.push({ a, b, w: r.priority, slots: r.slots, synthetic: false });
  });

  for (const { a, b, lock } of resolveLocks(inst, slotIdx, tableIdx, partIdx, issues)) {
    const match = reqs.find((r) => !r.lock && ((r.a === a && r.b === b) || (r.a === b && r.b === a)));
    if (match) match.lock = lock;
    else reqs.push({ a, b, w: 1, lock, synthetic: true });
  }
  const homeTable = buildHomeTables(inst, partIdx, tableIdx, nP, nT, issues);
  if (issues.length) throw new InstanceError(issues);

  const nM = reqs.length;
  const ma = new Int32Array(nM);
  const mb = new Int32Array(nM);
  const weight = new Float64Array(nM);
  const lockedSlot = new Int32Array(nM).fill(-1);
  const lockedTable = new Int32Array(nM).fill(-1);
  const allowedMask = new Uint8Array(nM * nS);
  const requestMask = new Uint8Array(nM * nS);
  const synthetic = new Uint8Array(nM);
  reqs.forEach((r, m) => {
    ma[m] = r.a;
    mb[m] = r.b;
    weight[m] = r.w;
    synthetic[m] = r.synthetic ? 1 : 0;
    if (r.slots) for (const sid of r.slots) requestMask[m * nS + slotIdx.get(sid)!] = 1;
    else requestMask.fill(1, m * nS, (m + 1) * nS);
    if (r.lock) {
      // A locked meeting stays where it is, whatever the availability says.
      lockedSlot[m] = r.lock.slot;
      lockedTable[m] = r.lock.table;
      allowedMask[m * nS + r.lock.slot] = 1;
      return;
    }
    for (let s = 0; s < nS; s++) {
      allowedMask[m * nS + s] = requestMask[m * nS + s]! & avail[r.a * nS + s]! & avail[r.b * nS + s]!;
    }
  });

  const { start: allowedStart, items: allowedSlots } = maskToCsr(allowedMask, nM, nS);
  const { start: partStart, items: partMeets } = participantMeetings(ma, mb, nP);
  // A minimum above what was requested cannot be reached by any schedule: cap it.
  for (let p = 0; p < nP; p++) minMeetings[p] = Math.min(minMeetings[p]!, partStart[p + 1]! - partStart[p]!);
  const sessionOf = deriveSessions(inst.slots);
  const nSessions = nS ? sessionOf[nS - 1]! + 1 : 0;
  const sessionStart = new Int32Array(nSessions).fill(nS);
  const sessionEnd = new Int32Array(nSessions);
  for (let s = 0; s < nS; s++) {
    const q = sessionOf[s]!;
    sessionStart[q] = Math.min(sessionStart[q]!, s);
    sessionEnd[q] = s + 1;
  }

  return {
    slotIds: inst.slots.map((s) => s.id),
    tableIds: [...inst.tables],
    partIds: inst.participants.map((p) => p.id),
    nS, nT, nP, nM,
    sessionOf, sessionStart, sessionEnd,
    avail, ma, mb, weight,
    allowedStart, allowedSlots, allowedMask, requestMask,
    lockedSlot, lockedTable, minMeetings,
    partStart, partMeets,
    tableMode: inst.tableMode ?? "any",
    homeTable, synthetic,
  };
}

function maskToCsr(mask: Uint8Array, rows: number, cols: number) {
  const start = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    let c = 0;
    for (let s = 0; s < cols; s++) c += mask[r * cols + s]!;
    start[r + 1] = start[r]! + c;
  }
  const items = new Int32Array(start[rows]!);
  for (let r = 0, k = 0; r < rows; r++) for (let s = 0; s < cols; s++) if (mask[r * cols + s]) items[k++] = s;
  return { start, items };
}

function participantMeetings(ma: Int32Array, mb: Int32Array, nP: number) {
  const start = new Int32Array(nP + 1);
  for (let m = 0; m < ma.length; m++) {
    start[ma[m]! + 1]!++;
    start[mb[m]! + 1]!++;
  }
  for (let p = 0; p < nP; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, nP);
  const items = new Int32Array(start[nP]!);
  for (let m = 0; m < ma.length; m++) {
    items[fill[ma[m]!]!++] = m;
    items[fill[mb[m]!]!++] = m;
  }
  return { start, items };
}
