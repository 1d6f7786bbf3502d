// Slots of an event day, derived from its settings (pure: no database). Times are Europe/Paris
// wall-clock times ("09:00") on the event's date; the result carries UTC instants for timestamptz.

export type SessionName = "morning" | "afternoon";
export type SlotSettings = {
  /** YYYY-MM-DD, the event's date in Paris. */
  date: string;
  sessions: { name: SessionName; start: string; end: string }[];
  meetingMinutes: number;
  gapMinutes: number;
  breaks: { start: string; end: string }[];
};
export type DerivedSlot = { position: number; session: SessionName; start: string; end: string; startsAt: Date; endsAt: Date };

export const sessionLabel: Record<SessionName, string> = { morning: "Matin", afternoon: "Après-midi" };

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTime(value: string): boolean {
  return timePattern.test(value);
}

/** "09:30" → 570 */
export function toMinutes(time: string): number {
  const match = timePattern.exec(time);
  if (!match) throw new Error(`invalid time ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 570 → "09:30" */
export function fromMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offset of Paris from UTC at this instant, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: number): number {
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant of a Paris wall-clock time: parisTime("2027-03-12", "09:00") → 08:00 UTC. */
export function parisTime(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const minutes = toMinutes(time);
  const naive = Date.UTC(y!, m! - 1, d!, Math.floor(minutes / 60), minutes % 60);
  const first = naive - parisOffsetMs(naive);
  // Near a DST change the offset at the result may differ from the one at the naive guess.
  return new Date(naive - parisOffsetMs(first));
}

/** "2027-03-12T09:00" (an <input type="datetime-local"> in Paris) → instant; null when empty. */
export function parisDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const [date, time] = value.split("T");
  if (!date || !time) return null;
  return parisTime(date, time.slice(0, 5));
}

/** Instant → "2027-03-12T09:00" in Paris, for a datetime-local input's value. */
export function toParisInput(value: Date | string | null | undefined): string {
  if (!value) return "";
  const parts = Object.fromEntries(parisParts.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** What is wrong with the settings, in French (empty when the slots can be derived). */
export function slotSettingsIssues(settings: SlotSettings): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (settings.sessions.length === 0) issues.push({ field: "morningStart", message: "Indiquez au moins une demi-journée (matin ou après-midi)." });
  const ordered = [...settings.sessions].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
  for (const s of ordered) {
    const field = s.name === "morning" ? "morningEnd" : "afternoonEnd";
    if (toMinutes(s.end) <= toMinutes(s.start)) issues.push({ field, message: "L'heure de fin doit suivre l'heure de début." });
    else if (toMinutes(s.end) - toMinutes(s.start) < settings.meetingMinutes) issues.push({ field, message: "La demi-journée est plus courte qu'un rendez-vous." });
  }
  if (ordered.length === 2 && toMinutes(ordered[1]!.start) < toMinutes(ordered[0]!.end)) {
    issues.push({ field: "afternoonStart", message: "L'après-midi doit commencer après la fin du matin." });
  }
  for (const b of settings.breaks) {
    if (toMinutes(b.end) <= toMinutes(b.start)) issues.push({ field: "breaks", message: `Pause ${b.start}–${b.end} : la fin doit suivre le début.` });
  }
  return issues;
}

/**
 * The meeting slots of the day: in each session, meetings of `meetingMinutes` separated by
 * `gapMinutes`; a slot that would overlap a break starts at the break's end instead.
 */
export function deriveSlots(settings: SlotSettings): DerivedSlot[] {
  const slots: DerivedSlot[] = [];
  const breaks = settings.breaks.map((b) => ({ start: toMinutes(b.start), end: toMinutes(b.end) })).sort((a, b) => a.start - b.start);
  const sessions = [...settings.sessions].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
  const length = settings.meetingMinutes;
  if (length <= 0) return [];
  for (const session of sessions) {
    const end = toMinutes(session.end);
    let t = toMinutes(session.start);
    while (t + length <= end) {
      const clash = breaks.find((b) => t < b.end && t + length > b.start);
      if (clash) {
        t = clash.end;
        continue;
      }
      const start = fromMinutes(t);
      const stop = fromMinutes(t + length);
      slots.push({
        position: slots.length + 1,
        session: session.name,
        start,
        end: stop,
        startsAt: parisTime(settings.date, start),
        endsAt: parisTime(settings.date, stop),
      });
      t += length + settings.gapMinutes;
    }
  }
  return slots;
}
