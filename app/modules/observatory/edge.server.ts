// What the observatory routes share at the edge: the period read from the URL, the CSV response.
import { parsePeriodParams, type Period } from "./periods";

export type PeriodResult = { period: Period; errors: null } | { period: null; errors: string[] };

/** The period of `?du=…&au=…` (the last twelve months by default), or its French errors. */
export function periodFromRequest(request: Request, now = new Date()): PeriodResult {
  const parsed = parsePeriodParams(new URL(request.url).searchParams, now);
  return parsed.ok ? { period: parsed.period, errors: null } : { period: null, errors: parsed.errors };
}

/** For a CSV route: the period, or a 400 with the French message. */
export function requirePeriod(request: Request, now = new Date()): Period {
  const result = periodFromRequest(request, now);
  if (result.errors) throw new Response(`Période invalide : ${result.errors.join(" ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return result.period;
}

export function csvResponse(csv: string, filename: string, cache: "private" | "public" = "private"): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": cache === "private" ? "private, no-store" : "public, max-age=3600",
    },
  });
}
