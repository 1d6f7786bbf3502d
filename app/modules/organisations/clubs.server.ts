import { asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { clubQpvs, clubs, memberships, organisations, qpvs, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { getEpci } from "../reference/reference.server";
import { createInvitation, userByEmail } from "./invitations.server";
import { createOrganisation } from "./organisations.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

export type CreateClubInput = { name: string; epciSiren: string; qpvCodes: string[]; description?: string };

/** A club covers an EPCI and some of its QPV (all of them when none is chosen). */
export async function createClub(input: CreateClubInput) {
  const epci = await getEpci(input.epciSiren);
  if (!epci) throw new DomainError("invalid", "EPCI inconnu : choisissez-le dans la liste.", { field: "epciSiren" });
  const epciQpvs = await db.select({ code: qpvs.code }).from(qpvs).where(eq(qpvs.epciSiren, epci.siren));
  const codes = input.qpvCodes.length ? input.qpvCodes : epciQpvs.map((q) => q.code);
  if (input.qpvCodes.length) {
    const known = await db.select({ code: qpvs.code }).from(qpvs).where(inArray(qpvs.code, input.qpvCodes));
    const missing = input.qpvCodes.filter((c) => !known.some((k) => k.code === c));
    if (missing.length) throw new DomainError("invalid", `QPV inconnu(s) : ${missing.join(", ")}.`, { field: "qpvCodes" });
  }
  return db.transaction(async (tx) => {
    const organisation = await createOrganisation(tx, { kind: "club", name: input.name });
    await tx.insert(clubs).values({ organisationId: organisation.id, epciSiren: epci.siren, epciName: epci.name, description: input.description ?? "" });
    if (codes.length) await tx.insert(clubQpvs).values(codes.map((qpvCode) => ({ clubId: organisation.id, qpvCode })));
    return organisation;
  });
}

export async function listClubs() {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      epciName: clubs.epciName,
      qpvCount: sql<number>`(SELECT count(*)::int FROM ${clubQpvs} WHERE ${clubQpvs.clubId} = ${organisations.id})`,
      animatorCount: sql<number>`(SELECT count(*)::int FROM ${memberships} WHERE ${memberships.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
    .orderBy(asc(organisations.name));
}

export async function getClubBySlug(slug: string) {
  const [club] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name, epciSiren: clubs.epciSiren, epciName: clubs.epciName, description: clubs.description })
    .from(organisations)
    .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
    .where(eq(organisations.slug, slug));
  return club;
}

export async function clubQpvList(clubId: string) {
  return db
    .select({ code: qpvs.code, name: qpvs.name, communeNames: qpvs.communeNames })
    .from(clubQpvs)
    .innerJoin(qpvs, eq(qpvs.code, clubQpvs.qpvCode))
    .where(eq(clubQpvs.clubId, clubId))
    .orderBy(asc(qpvs.name));
}

export async function clubAnimators(clubId: string) {
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, clubId))
    .orderBy(asc(users.displayName));
}

/**
 * Names an animator: an existing account joins the club at once (and is told by mail); an
 * unknown address gets an invitation, so no account is created behind anyone's back.
 */
export async function addClubAnimator(input: { clubId: string; email: string; adminId: string; now?: Date }) {
  return db.transaction(async (tx) => {
    const [club] = await tx.select().from(organisations).where(eq(organisations.id, input.clubId));
    if (!club || club.kind !== "club") throw new DomainError("not_found", "Club introuvable.");
    const user = await userByEmail(tx, input.email);
    if (!user) {
      await createInvitation(tx, {
        organisationId: club.id,
        email: input.email,
        role: "member",
        invitedBy: input.adminId,
        now: input.now,
        message: `Vous êtes nommé(e) animateur ou animatrice du club « ${club.name} » sur Proxima.`,
      });
      return { status: "invited" as const };
    }
    await tx.insert(memberships).values({ userId: user.id, organisationId: club.id, role: "member" }).onConflictDoNothing();
    await queueMail(tx, {
      to: user.email,
      kind: "club.animator_added",
      ...renderMail({
        subject: `Vous animez désormais le club « ${club.name} »`,
        greeting: `Bonjour ${user.displayName},`,
        paragraphs: [`Un administrateur vous a nommé(e) animateur ou animatrice du club « ${club.name} ».`],
        action: { label: "Ouvrir l'espace du club", url: new URL(`/clubs/${club.slug}`, env().APP_URL).toString() },
      }),
    });
    return { status: "added" as const };
  });
}

export async function removeClubAnimator(input: { clubId: string; userId: string }) {
  await db.delete(memberships).where(sql`${memberships.organisationId} = ${input.clubId} AND ${memberships.userId} = ${input.userId}`);
}
