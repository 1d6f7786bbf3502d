// The public observatory: the clubs, and a club's figures over a calendar year, protected.
import { and, asc, eq } from "drizzle-orm";
import { db } from "../../../db/connection";
import { clubs, organisations } from "../../../db/schema";
import { computeFigures } from "./figures.server";
import { parisToday } from "./periods";
import { publicFigures } from "./public";

/** The first year the public page offers. */
export const FIRST_PUBLIC_YEAR = 2024;

export async function publicClubs() {
  return db
    .select({ slug: organisations.slug, name: organisations.name, epciName: clubs.epciName })
    .from(organisations)
    .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
    .where(eq(organisations.kind, "club"))
    .orderBy(asc(organisations.name));
}

/** The years offered: from FIRST_PUBLIC_YEAR to the current one, most recent first. */
export function publicYears(now: Date): number[] {
  const current = Number(parisToday(now).slice(0, 4));
  return Array.from({ length: Math.max(1, current - FIRST_PUBLIC_YEAR + 1) }, (_, i) => current - i);
}

/** A club by its slug (id, name, territory), or null. */
export async function clubBySlug(slug: string) {
  const [club] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, epciName: clubs.epciName })
    .from(organisations)
    .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
    .where(and(eq(organisations.slug, slug), eq(organisations.kind, "club")));
  return club ?? null;
}

/**
 * A club's public figures for one calendar year (fixed periods only: two overlapping periods
 * would give away, by difference, what each one hides). Null for an unknown club.
 */
export async function publicClubFigures(input: { clubSlug: string; year: number }) {
  const club = await clubBySlug(input.clubSlug);
  if (!club) return null;
  const period = { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
  const figures = await computeFigures({ scope: { kind: "club", clubId: club.id }, period });
  return { club: { slug: club.slug, name: club.name, epciName: club.epciName }, period, figures: publicFigures(figures) };
}
