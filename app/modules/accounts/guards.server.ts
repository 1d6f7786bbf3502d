import { and, eq } from "drizzle-orm";
import { db } from "../../../db/connection";
import { clubs, organisations } from "../../../db/schema";
import { getSessionUser, loginRedirect, type Membership, type SessionUser } from "./session.server";
import type { Policy } from "~/lib/policy";

export function forbidden(message = "Vous n'avez pas accès à cette page."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Page introuvable."): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

export type OrgContext = { user: SessionUser; organisation: Membership };

/**
 * The organisation of the given kind the user acts for: the one named by `?org=` (or a form's
 * `org` field) when the user belongs to several, the first one otherwise.
 */
async function requireMemberOf(request: Request, kind: "supplier" | "buyer", message: string): Promise<OrgContext> {
  const user = await requireUser(request);
  const candidates = user.memberships.filter((m) => m.kind === kind);
  const wanted = new URL(request.url).searchParams.get("org");
  const organisation = (wanted && candidates.find((m) => m.slug === wanted)) || candidates[0];
  if (!organisation) throw forbidden(message);
  return { user, organisation };
}

export function requireSupplier(request: Request): Promise<OrgContext> {
  return requireMemberOf(request, "supplier", "Cette page est réservée aux entreprises fournisseurs.");
}

export function requireBuyer(request: Request): Promise<OrgContext> {
  return requireMemberOf(request, "buyer", "Cette page est réservée aux entreprises acheteuses.");
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isAdmin) throw forbidden("Cette page est réservée aux administrateurs.");
  return user;
}

export type ClubContext = {
  user: SessionUser;
  club: { id: string; slug: string; name: string; epciSiren: string; epciName: string };
};

/** Animators of this club (its members) and admins. An unknown club is a 404, not a hint. */
export async function requireClubAnimator(request: Request, clubSlug: string | undefined): Promise<ClubContext> {
  const user = await requireUser(request);
  const [club] = clubSlug
    ? await db
        .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, epciSiren: clubs.epciSiren, epciName: clubs.epciName })
        .from(organisations)
        .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
        .where(and(eq(organisations.slug, clubSlug), eq(organisations.kind, "club")))
    : [];
  const isAnimator = club && user.memberships.some((m) => m.organisationId === club.id);
  if (!club || !(isAnimator || user.isAdmin)) {
    throw user.isAdmin ? notFound("Ce club n'existe pas.") : forbidden("Cette page est réservée aux animateurs de ce club.");
  }
  return { user, club };
}

/** Enforces a declared policy; used by routes whose loader needs nothing more than the check. */
export async function enforcePolicy(policy: Policy, request: Request, params: Record<string, string | undefined>): Promise<SessionUser | null> {
  switch (policy.kind) {
    case "public":
      return getSessionUser(request);
    case "signed-in":
      return requireUser(request);
    case "supplier":
      return (await requireSupplier(request)).user;
    case "buyer":
      return (await requireBuyer(request)).user;
    case "club-animator":
      return (await requireClubAnimator(request, params[policy.param])).user;
    case "admin":
      return requireAdmin(request);
  }
}
