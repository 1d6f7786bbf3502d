import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "../../../db/connection";
import { invitations, memberships, organisations, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { hashToken, newToken } from "../accounts/tokens.server";
import type { Executor } from "../../../db/client";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

export const invitationLifetimeDays = 14;

export type InvitationState = "pending" | "accepted" | "declined" | "expired";

export function invitationState(inv: { acceptedAt: Date | null; declinedAt: Date | null; expiresAt: Date }, now: Date): InvitationState {
  if (inv.acceptedAt) return "accepted";
  if (inv.declinedAt) return "declined";
  return inv.expiresAt <= now ? "expired" : "pending";
}

/** Who may invite into an organisation: its owners, and admins. */
export async function assertCanManageMembers(tx: Executor, input: { organisationId: string; userId: string; isAdmin: boolean }) {
  if (input.isAdmin) return;
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organisationId, input.organisationId), eq(memberships.userId, input.userId)));
  if (row?.role !== "owner") throw new DomainError("forbidden", "Seuls les responsables de l'organisation peuvent inviter.");
}

/** Records the invitation and its mail in one transaction. Returns the raw token (for the caller's tests). */
export async function createInvitation(
  tx: Executor,
  input: { organisationId: string; email: string; role: "owner" | "member"; invitedBy: string | null; now?: Date; message?: string },
): Promise<string> {
  const now = input.now ?? new Date();
  const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new DomainError("not_found", "Organisation introuvable.");
  const { token, hash } = newToken();
  await tx.insert(invitations).values({
    organisationId: input.organisationId,
    email: input.email.toLowerCase(),
    role: input.role,
    tokenHash: hash,
    invitedBy: input.invitedBy,
    expiresAt: new Date(now.getTime() + invitationLifetimeDays * 86_400_000),
  });
  await queueMail(tx, {
    to: input.email,
    kind: "organisation.invitation",
    ...renderMail({
      subject: `Invitation à rejoindre ${organisation.name} sur Proxima`,
      greeting: "Bonjour,",
      paragraphs: [
        input.message ?? `Vous êtes invité(e) à rejoindre ${organisation.name} sur Proxima, la plateforme des Rencontres Business de Proximité.`,
        `Cette invitation est valable ${invitationLifetimeDays} jours.`,
      ],
      action: { label: "Voir l'invitation", url: new URL(`/invitations/${token}`, env().APP_URL).toString() },
    }),
  });
  return token;
}

export async function inviteMember(input: {
  organisationId: string;
  email: string;
  role: "owner" | "member";
  inviter: { id: string; isAdmin: boolean };
  now?: Date;
}): Promise<string> {
  return db.transaction(async (tx) => {
    await assertCanManageMembers(tx, { organisationId: input.organisationId, userId: input.inviter.id, isAdmin: input.inviter.isAdmin });
    return createInvitation(tx, { ...input, invitedBy: input.inviter.id });
  });
}

export async function findInvitation(token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      declinedAt: invitations.declinedAt,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      organisationSlug: organisations.slug,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return row;
}

/** The invitee accepts while signed in with the invited address: membership and state change together. */
export async function acceptInvitation(input: { token: string; user: { id: string; email: string }; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [inv] = await tx.select().from(invitations).where(eq(invitations.tokenHash, hashToken(input.token))).for("update");
    if (!inv || invitationState(inv, now) !== "pending") throw new DomainError("invalid", "Cette invitation n'est plus valable.");
    if (inv.email !== input.user.email.toLowerCase()) {
      throw new DomainError("forbidden", `Cette invitation a été envoyée à ${inv.email}. Connectez-vous avec cette adresse pour l'accepter.`);
    }
    await tx
      .insert(memberships)
      .values({ userId: input.user.id, organisationId: inv.organisationId, role: inv.role })
      .onConflictDoNothing();
    await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, inv.id));
    return inv.organisationId;
  });
}

/** Declining needs no account: the link itself is the proof. */
export async function declineInvitation(input: { token: string; now?: Date }) {
  const now = input.now ?? new Date();
  const updated = await db
    .update(invitations)
    .set({ declinedAt: now })
    .where(and(eq(invitations.tokenHash, hashToken(input.token)), isNull(invitations.acceptedAt), isNull(invitations.declinedAt)))
    .returning({ id: invitations.id });
  if (!updated.length) throw new DomainError("invalid", "Cette invitation n'est plus valable.");
}

export async function pendingInvitations(organisationId: string) {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt, declinedAt: invitations.declinedAt })
    .from(invitations)
    .where(eq(invitations.organisationId, organisationId))
    .orderBy(desc(invitations.createdAt))
    .limit(50);
}

export async function userByEmail(tx: Executor, email: string) {
  const [user] = await tx.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users).where(eq(users.email, email.toLowerCase()));
  return user;
}
