// Independent check of a result against its instance (used by tests, the CLI and the benchmark).
import type { ScheduleInstance, ScheduleResult } from "./types";

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Returns every hard-constraint violation found (empty = valid schedule). */
export function validateSchedule(inst: ScheduleInstance, result: ScheduleResult): string[] {
  const errors: string[] = [];
  const slots = new Set(inst.slots.map((s) => s.id));
  const tables = new Set(inst.tables);
  const avail = new Map(inst.participants.map((p) => [p.id, p.available ? new Set(p.available) : undefined]));
  const locked = new Map<string, { slot: string; table: string }[]>();
  for (const l of inst.locked ?? []) locked.set(key(l.a, l.b), [...(locked.get(key(l.a, l.b)) ?? []), l]);
  const requests = new Map<string, (string[] | undefined)[]>();
  for (const r of inst.requests) requests.set(key(r.a, r.b), [...(requests.get(key(r.a, r.b)) ?? []), r.slots]);
  const busy = new Set<string>();
  const seated = new Set<string>();
  const perSlot = new Map<string, number>();

  for (const m of result.meetings) {
    if (!slots.has(m.slot)) errors.push(`créneau inconnu ${m.slot}`);
    if (!tables.has(m.table)) errors.push(`table inconnue ${m.table}`);
    for (const p of [m.a, m.b]) {
      if (busy.has(`${p}@${m.slot}`)) errors.push(`${p} deux fois au créneau ${m.slot}`);
      busy.add(`${p}@${m.slot}`);
    }
    if (seated.has(`${m.table}@${m.slot}`)) errors.push(`table ${m.table} deux fois au créneau ${m.slot}`);
    seated.add(`${m.table}@${m.slot}`);
    perSlot.set(m.slot, (perSlot.get(m.slot) ?? 0) + 1);
    const lock = locked.get(key(m.a, m.b))?.find((l) => l.slot === m.slot && l.table === m.table);
    if (lock) continue;
    for (const p of [m.a, m.b]) if (avail.get(p) && !avail.get(p)!.has(m.slot)) errors.push(`${p} indisponible au créneau ${m.slot}`);
    const allowed = requests.get(key(m.a, m.b));
    if (!allowed) errors.push(`rendez-vous ${m.a}–${m.b} non demandé`);
    else if (allowed.every((s) => s !== undefined && !s.includes(m.slot))) errors.push(`rendez-vous ${m.a}–${m.b} hors de ses créneaux`);
  }
  for (const [s, n] of perSlot) if (n > inst.tables.length) errors.push(`${n} rendez-vous pour ${inst.tables.length} tables au créneau ${s}`);
  for (const l of inst.locked ?? []) {
    if (!result.meetings.some((m) => key(m.a, m.b) === key(l.a, l.b) && m.slot === l.slot && m.table === l.table)) {
      errors.push(`rendez-vous verrouillé ${l.a}–${l.b} déplacé`);
    }
  }
  const out = new Map<string, number>();
  for (const m of [...result.meetings, ...result.unscheduled]) out.set(key(m.a, m.b), (out.get(key(m.a, m.b)) ?? 0) + 1);
  for (const [k, list] of requests) {
    const n = Math.max(list.length, locked.get(k)?.length ?? 0);
    if (out.get(k) !== n) errors.push(`demande ${k} : ${out.get(k) ?? 0} résultat(s) pour ${n}`);
  }
  for (const u of result.unscheduled) if (!u.reason) errors.push(`rendez-vous ${u.a}–${u.b} non placé sans raison`);
  return errors;
}
