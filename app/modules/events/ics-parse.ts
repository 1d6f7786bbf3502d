/** A small iCalendar reader (unfolding, escapes, properties per VEVENT): enough to check our own files in tests. */
export type ParsedVevent = Record<string, string>;

export function parseIcs(text: string): { calendar: Record<string, string>; events: ParsedVevent[] } {
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter(Boolean);
  const calendar: Record<string, string> = {};
  const events: ParsedVevent[] = [];
  let current: ParsedVevent | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      if (current) events.push(current);
      current = null;
    } else {
      const colon = line.indexOf(":");
      if (colon < 0) continue;
      const name = line.slice(0, colon).split(";")[0]!;
      const value = line.slice(colon + 1).replace(/\\([\\,;nN])/g, (_m, c: string) => (c === "n" || c === "N" ? "\n" : c));
      (current ?? calendar)[name] = value;
    }
  }
  return { calendar, events };
}

/** "20270312T080000Z" → Date */
export function icsDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
