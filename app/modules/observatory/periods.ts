// Pure helpers of the observatory: the period filter, month and quarter buckets, rates.
import { z } from "zod";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" that exists (no 2027-02-30). */
export function isValidIsoDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export type Period = { from: string; to: string };

/** The longest period a dashboard computes: ten years of months. */
export const MAX_PERIOD_MONTHS = 120;

const dateField = (label: string) =>
  z
    .string({ message: `Indiquez la date ${label}.` })
    .trim()
    .refine(isValidIsoDate, { message: `La date ${label} doit être une date valide (AAAA-MM-JJ).` });

const bothValid = (p: { from: string; to: string }) => isValidIsoDate(p.from) && isValidIsoDate(p.to);

export const PeriodSchema = z
  .object({ from: dateField("de début"), to: dateField("de fin") })
  // Compared only once both dates are valid, so that one bad date gives one message.
  .refine((p) => !bothValid(p) || p.from <= p.to, { message: "La date de début doit précéder la date de fin.", path: ["from"] })
  .refine((p) => !bothValid(p) || monthsBetween(p.from, p.to).length <= MAX_PERIOD_MONTHS, {
    message: `La période ne peut pas dépasser ${MAX_PERIOD_MONTHS / 12} ans.`,
    path: ["to"],
  });

/** Today's date in Europe/Paris, "YYYY-MM-DD". */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The default period: the twelve calendar months up to today (the current month included). */
export function defaultPeriod(now: Date): Period {
  const to = parisToday(now);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/**
 * Reads `du` and `au` from a URL (both optional: the default period fills in what is missing).
 * Returns the period, or the French messages of what is wrong.
 */
export function parsePeriodParams(searchParams: URLSearchParams, now: Date): { ok: true; period: Period } | { ok: false; errors: string[] } {
  const fallback = defaultPeriod(now);
  const du = searchParams.get("du")?.trim() || fallback.from;
  const au = searchParams.get("au")?.trim() || fallback.to;
  const parsed = PeriodSchema.safeParse({ from: du, to: au });
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((i) => i.message))] };
  return { ok: true, period: parsed.data };
}

/** "2027-03" for a date "2027-03-12" (or a month). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** Every month "YYYY-MM" from the month of `from` to the month of `to`, in order. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (out.length > MAX_PERIOD_MONTHS + 1) break;
  }
  return out;
}

/** "2027-T1" for any date or month of January to March 2027. */
export function quarterOf(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return `${y}-T${Math.floor((m - 1) / 3) + 1}`;
}

/** Every quarter met between `from` and `to`, in order. */
export function quartersBetween(from: string, to: string): string[] {
  return [...new Set(monthsBetween(from, to).map(quarterOf))];
}

const monthNames = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

/** "mars 2027" (short month name), for axis labels and table rows. */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${monthNames[m - 1]} ${y}`;
}

/** "1er trim. 2027" */
export function quarterLabel(quarter: string): string {
  const [y, q] = quarter.split("-T") as [string, string];
  return `${q === "1" ? "1er" : `${q}e`} trim. ${y}`;
}

/** numerator / denominator, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** "42 %" (French spacing), or "—" when there is no rate. */
export function formatRate(value: number | null): string {
  if (value === null) return "—";
  return `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 }).format(value * 100)} %`;
}

/** The query string of a period, for links (CSV, print) that keep the page's filters. */
export function periodQuery(period: Period, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams({ du: period.from, au: period.to });
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  return params.toString();
}
