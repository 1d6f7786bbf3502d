import { randomUUID } from "node:crypto";
import { and, asc, eq, isNotNull, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { buyerMemberships, clubBillingSettings, clubs, memberships, organisations, payments, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { billingEnabled, requireBillingEnabled } from "./config.server";
import { markPaymentFailed } from "./payments.server";
import { clubPrices } from "./prices.server";
import { stripeGateway } from "./stripe-gateway.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";

export type MembershipRow = typeof buyerMemberships.$inferSelect;
export type MembershipState = "none" | "free" | "active" | "expired" | "past_due" | "cancelled";
export type EffectiveMembership = { state: MembershipState; satisfied: boolean; activeUntil: Date | null; cancelAtPeriodEnd: boolean };

type MembershipFacts = Pick<MembershipRow, "status" | "activeUntil" | "freeGrant" | "cancelAtPeriodEnd">;

/** Pure: what a membership row means today. A free grant wins; a paid one counts until its end. */
export function effectiveMembership(row: MembershipFacts | null | undefined, now: Date): EffectiveMembership {
  if (!row) return { state: "none", satisfied: false, activeUntil: null, cancelAtPeriodEnd: false };
  const base = { activeUntil: row.activeUntil, cancelAtPeriodEnd: row.cancelAtPeriodEnd };
  if (row.freeGrant) return { ...base, state: "free", satisfied: true };
  if (row.status === "active") {
    const current = row.activeUntil !== null && row.activeUntil.getTime() > now.getTime();
    return { ...base, state: current ? "active" : "expired", satisfied: current };
  }
  return { ...base, state: row.status, satisfied: false };
}

// ---------------------------------------------------------------------------------------------
// Applying Stripe's view (called by the webhook, inside its transaction)

/** What one Stripe event says about a subscription, reduced to what a membership needs. */
export type MembershipSignal =
  | { kind: "activate"; subscriptionId: string; customerId: string | null; activeUntil: Date | null; cancelAtPeriodEnd?: boolean }
  | { kind: "past_due"; subscriptionId: string; customerId: string | null; activeUntil?: Date | null }
  | { kind: "cancelled"; subscriptionId: string; customerId: string | null };

type LinkFacts = Pick<MembershipRow, "status" | "activeUntil" | "cancelAtPeriodEnd" | "stripeCustomerId" | "stripeSubscriptionId" | "lastStripeEventAt">;
export type MembershipPatch = Partial<LinkFacts>;

function addOneYear(date: Date): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return next;
}

/**
 * Pure, and the whole out-of-order strategy (see docs/decisions/0006-payments.md):
 * 1. an event about another subscription than the linked one may only start a new membership
 *    (activate); its failure or end says nothing about the current one;
 * 2. a cancelled subscription is final in Stripe: no event about it brings it back;
 * 3. an event older (by Stripe's `created`) than the newest one applied changes no state — it may
 *    only fill in an id still missing (a late checkout.session.completed brings the customer id).
 * Equal timestamps apply in arrival order, rule 2 keeping a same-second cancellation final.
 */
export function membershipPatch(row: LinkFacts, signal: MembershipSignal, eventAt: Date): { patch: MembershipPatch; applied: boolean } {
  const linked = row.stripeSubscriptionId;
  const same = linked === signal.subscriptionId;
  if (linked && !same && signal.kind !== "activate") return { patch: {}, applied: false };
  if (same && row.status === "cancelled") return { patch: {}, applied: false };
  const older = row.lastStripeEventAt !== null && eventAt.getTime() < row.lastStripeEventAt.getTime();
  if (older) {
    if (linked && !same) return { patch: {}, applied: false };
    const patch: MembershipPatch = {};
    if (!linked) patch.stripeSubscriptionId = signal.subscriptionId;
    if (!row.stripeCustomerId && signal.customerId) patch.stripeCustomerId = signal.customerId;
    return { patch, applied: false };
  }
  const link: MembershipPatch = {
    stripeSubscriptionId: signal.subscriptionId,
    stripeCustomerId: signal.customerId ?? row.stripeCustomerId,
    lastStripeEventAt: eventAt,
  };
  switch (signal.kind) {
    case "activate": {
      // No period end in the event (a checkout session): keep the one an invoice already gave.
      const known = same && row.status === "active" ? row.activeUntil : null;
      return {
        applied: true,
        patch: {
          ...link,
          status: "active",
          activeUntil: signal.activeUntil ?? known ?? addOneYear(eventAt),
          cancelAtPeriodEnd: signal.cancelAtPeriodEnd ?? (same ? row.cancelAtPeriodEnd : false),
        },
      };
    }
    case "past_due":
      return { applied: true, patch: { ...link, status: "past_due", activeUntil: signal.activeUntil ?? row.activeUntil } };
    case "cancelled":
      return { applied: true, patch: { ...link, status: "cancelled", cancelAtPeriodEnd: false } };
  }
}

async function lockBySubscription(tx: Executor, subscriptionId: string): Promise<MembershipRow | undefined> {
  const [row] = await tx.select().from(buyerMemberships).where(eq(buyerMemberships.stripeSubscriptionId, subscriptionId)).limit(1).for("update");
  return row;
}

/** The (club, buyer organisation) row, created if missing; null when the ids name nothing of ours. */
async function lockForTarget(tx: Executor, target: { clubId: string; buyerOrgId: string }): Promise<MembershipRow | null> {
  const [known] = await tx
    .select({ club: clubs.organisationId, kind: organisations.kind })
    .from(organisations)
    .leftJoin(clubs, eq(clubs.organisationId, target.clubId))
    .where(eq(organisations.id, target.buyerOrgId));
  if (!known?.club || known.kind !== "buyer") return null;
  await tx.insert(buyerMemberships).values({ clubId: target.clubId, buyerOrgId: target.buyerOrgId }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(buyerMemberships)
    .where(and(eq(buyerMemberships.clubId, target.clubId), eq(buyerMemberships.buyerOrgId, target.buyerOrgId)))
    .for("update");
  return row ?? null;
}

export type AppliedSignal = { before: MembershipRow; after: MembershipRow; applied: boolean };

/** Finds the membership by its subscription, else by the metadata ids, and applies the signal. */
export async function applyMembershipSignal(
  tx: Executor,
  input: { target: { clubId: string; buyerOrgId: string } | null; signal: MembershipSignal; eventAt: Date },
): Promise<AppliedSignal | null> {
  const row = (await lockBySubscription(tx, input.signal.subscriptionId)) ?? (input.target ? await lockForTarget(tx, input.target) : null);
  if (!row) return null;
  const { patch, applied } = membershipPatch(row, input.signal, input.eventAt);
  if (!Object.keys(patch).length) return { before: row, after: row, applied };
  const [after] = await tx
    .update(buyerMemberships)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(buyerMemberships.id, row.id))
    .returning();
  return { before: row, after: after!, applied };
}

async function ownersOf(tx: Executor, organisationId: string) {
  return tx
    .select({ email: users.email, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")));
}

async function clubAndBuyerNames(tx: Executor, clubId: string, buyerOrgId: string) {
  const [row] = await tx
    .select({ club: sql<string>`(SELECT name FROM ${organisations} WHERE id = ${clubId})`, buyer: organisations.name, buyerSlug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, buyerOrgId));
  return row!;
}

/** Tells the buyer organisation's owners, in the caller's transaction. */
async function mailOwners(tx: Executor, input: { clubId: string; buyerOrgId: string; kind: string; subject: (club: string) => string; paragraph: (club: string) => string }) {
  const names = await clubAndBuyerNames(tx, input.clubId, input.buyerOrgId);
  const url = new URL(`/organisations/${names.buyerSlug}/adhesion`, env().APP_URL).toString();
  for (const owner of await ownersOf(tx, input.buyerOrgId)) {
    await queueMail(tx, {
      to: owner.email,
      kind: input.kind,
      ...renderMail({
        subject: input.subject(names.club),
        greeting: `Bonjour ${owner.displayName},`,
        paragraphs: [input.paragraph(names.club)],
        action: { label: "Voir l'adhésion", url },
      }),
    });
  }
}

export function mailPaymentFailed(tx: Executor, clubId: string, buyerOrgId: string) {
  return mailOwners(tx, {
    clubId,
    buyerOrgId,
    kind: "billing.membership_past_due",
    subject: (club) => `Le paiement de votre adhésion au club « ${club} » a échoué`,
    paragraph: (club) =>
      `Le renouvellement de l'adhésion de votre entreprise au club « ${club} » n'a pas pu être prélevé. Mettez à jour votre moyen de paiement pour la garder active ; ce que votre entreprise a publié reste visible.`,
  });
}

// ---------------------------------------------------------------------------------------------
// What other modules ask

export type MembershipPurpose = "needs" | "events";
export type MembershipRequirement = { required: boolean; satisfied: boolean; message?: string };

const purposeWords: Record<MembershipPurpose, string> = { needs: "publier un besoin", events: "vous inscrire aux événements" };

export async function membershipOf(clubId: string, buyerOrgId: string, executor: Executor = db): Promise<MembershipRow | undefined> {
  const [row] = await executor
    .select()
    .from(buyerMemberships)
    .where(and(eq(buyerMemberships.clubId, clubId), eq(buyerMemberships.buyerOrgId, buyerOrgId)));
  return row;
}

/**
 * May this buyer organisation do this in this club? Searching the directory is never gated, and
 * a lapsed membership only stops new actions: nothing already posted is hidden. Always satisfied
 * when billing is disabled.
 */
export async function membershipRequirement(input: { clubId: string; buyerOrgId: string; purpose: MembershipPurpose; now?: Date }): Promise<MembershipRequirement> {
  if (!billingEnabled()) return { required: false, satisfied: true };
  const prices = await clubPrices(input.clubId);
  const flag = input.purpose === "needs" ? prices.membershipRequiredForNeeds : prices.membershipRequiredForEvents;
  if (!flag || prices.membershipPriceCents === null) return { required: false, satisfied: true };
  const membership = effectiveMembership(await membershipOf(input.clubId, input.buyerOrgId), input.now ?? new Date());
  if (membership.satisfied) return { required: true, satisfied: true };
  const [club] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.clubId));
  const clubName = club?.name ?? "ce club";
  const message =
    membership.state === "past_due"
      ? `Le paiement de l'adhésion de votre entreprise au club « ${clubName} » a échoué : mettez à jour votre moyen de paiement depuis la page Adhésion pour ${purposeWords[input.purpose]}.`
      : `Pour ${purposeWords[input.purpose]} dans le club « ${clubName} », votre entreprise doit être adhérente. La personne responsable de votre entreprise peut régler l'adhésion annuelle depuis la page Adhésion.`;
  return { required: true, satisfied: false, message };
}

/** The clubs a buyer organisation can join (a price is set) or has a membership with. */
export async function buyerMembershipOverview(buyerOrgId: string, now = new Date()) {
  const rows = await db
    .select({
      clubId: organisations.id,
      clubName: organisations.name,
      clubSlug: organisations.slug,
      priceCents: clubBillingSettings.membershipPriceCents,
      requiredForNeeds: clubBillingSettings.membershipRequiredForNeeds,
      requiredForEvents: clubBillingSettings.membershipRequiredForEvents,
      membership: buyerMemberships,
    })
    .from(clubs)
    .innerJoin(organisations, eq(organisations.id, clubs.organisationId))
    .leftJoin(clubBillingSettings, eq(clubBillingSettings.clubId, clubs.organisationId))
    .leftJoin(buyerMemberships, and(eq(buyerMemberships.clubId, clubs.organisationId), eq(buyerMemberships.buyerOrgId, buyerOrgId)))
    .where(or(isNotNull(clubBillingSettings.membershipPriceCents), isNotNull(buyerMemberships.id)))
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({
    clubId: r.clubId,
    clubName: r.clubName,
    clubSlug: r.clubSlug,
    priceCents: r.priceCents ?? null,
    requiredForNeeds: r.requiredForNeeds ?? false,
    requiredForEvents: r.requiredForEvents ?? false,
    hasStripeCustomer: Boolean(r.membership?.stripeCustomerId),
    grantNote: r.membership?.freeGrant ? r.membership.grantNote : null,
    ...effectiveMembership(r.membership, now),
  }));
}

/** Every buyer organisation with its state in this club: the animator's view. */
export async function clubMembershipOverview(clubId: string, now = new Date()) {
  const rows = await db
    .select({ buyerOrgId: organisations.id, buyerName: organisations.name, membership: buyerMemberships })
    .from(organisations)
    .leftJoin(buyerMemberships, and(eq(buyerMemberships.buyerOrgId, organisations.id), eq(buyerMemberships.clubId, clubId)))
    .where(eq(organisations.kind, "buyer"))
    .orderBy(asc(organisations.name))
    .limit(1000);
  return rows.map((r) => ({
    buyerOrgId: r.buyerOrgId,
    buyerName: r.buyerName,
    grantNote: r.membership?.grantNote ?? null,
    grantedAt: r.membership?.grantedAt ?? null,
    ...effectiveMembership(r.membership, now),
  }));
}

// ---------------------------------------------------------------------------------------------
// Changes made by people

async function assertBuyerOrganisation(executor: Executor, buyerOrgId: string) {
  const [org] = await executor.select({ kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, buyerOrgId));
  if (!org || org.kind !== "buyer") throw new DomainError("not_found", "Entreprise acheteuse introuvable.", { field: "buyerOrgId" });
  return org;
}

/** A club offers its membership (partner companies). Stripe's state is kept as it is. */
export async function grantFreeMembership(input: { clubId: string; buyerOrgId: string; grantedBy: string; note?: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    await assertBuyerOrganisation(tx, input.buyerOrgId);
    const grant = { freeGrant: true, grantedBy: input.grantedBy, grantedAt: now, grantNote: input.note || null, updatedAt: now };
    await tx
      .insert(buyerMemberships)
      .values({ clubId: input.clubId, buyerOrgId: input.buyerOrgId, ...grant })
      .onConflictDoUpdate({ target: [buyerMemberships.clubId, buyerMemberships.buyerOrgId], set: grant });
    await mailOwners(tx, {
      clubId: input.clubId,
      buyerOrgId: input.buyerOrgId,
      kind: "billing.membership_granted",
      subject: (club) => `Le club « ${club} » vous offre l'adhésion`,
      paragraph: (club) => `Le club « ${club} » offre l'adhésion à votre entreprise : vous n'avez rien à payer.`,
    });
  });
}

export async function revokeFreeMembership(input: { clubId: string; buyerOrgId: string }): Promise<void> {
  const revoked = await db
    .update(buyerMemberships)
    .set({ freeGrant: false, grantedBy: null, grantedAt: null, grantNote: null, updatedAt: new Date() })
    .where(and(eq(buyerMemberships.clubId, input.clubId), eq(buyerMemberships.buyerOrgId, input.buyerOrgId), eq(buyerMemberships.freeGrant, true)))
    .returning({ id: buyerMemberships.id });
  if (!revoked.length) throw new DomainError("not_found", "Cette entreprise n'a pas d'adhésion offerte.", { field: "buyerOrgId" });
}

async function assertOwner(userId: string, buyerOrgId: string): Promise<void> {
  const [row] = await db
    .select({ role: memberships.role, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, buyerOrgId)));
  if (!row || row.kind !== "buyer") throw new DomainError("forbidden", "Vous n'êtes pas membre de cette entreprise acheteuse.");
  if (row.role !== "owner") throw new DomainError("forbidden", "Seule la personne responsable de l'entreprise peut régler l'adhésion.");
}

function refuseSecondSubscription(row: MembershipRow | undefined, now: Date): void {
  const state = effectiveMembership(row, now);
  if (state.state === "free") throw new DomainError("conflict", "Le club offre déjà l'adhésion à votre entreprise.");
  if (state.state === "active" && !state.cancelAtPeriodEnd) {
    throw new DomainError("conflict", `L'adhésion est déjà active jusqu'au ${formatDate(state.activeUntil)}.`);
  }
  if (state.state === "past_due") {
    throw new DomainError("conflict", "Un abonnement existe déjà : mettez à jour votre moyen de paiement depuis le portail de facturation.");
  }
}

export type StartMembershipCheckoutInput = {
  clubId: string;
  buyerOrgId: string;
  user: { id: string; email: string };
  /** May contain Stripe's literal {CHECKOUT_SESSION_ID} placeholder. */
  successUrl: string;
  cancelUrl: string;
  now?: Date;
};

/** The owner pays the yearly membership: a pending payment, then a subscription Checkout session. */
export async function startMembershipCheckout(input: StartMembershipCheckoutInput): Promise<{ paymentId: string; url: string }> {
  requireBillingEnabled();
  await assertOwner(input.user.id, input.buyerOrgId);
  const prices = await clubPrices(input.clubId);
  if (prices.membershipPriceCents === null) throw new DomainError("invalid", "Ce club ne demande pas d'adhésion payante.");
  const row = await membershipOf(input.clubId, input.buyerOrgId);
  refuseSecondSubscription(row, input.now ?? new Date());
  const [club] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.clubId));

  const paymentId = randomUUID();
  await db.insert(payments).values({
    id: paymentId,
    clubId: input.clubId,
    buyerOrgId: input.buyerOrgId,
    purpose: "membership",
    amountCents: prices.membershipPriceCents,
    startedBy: input.user.id,
  });
  try {
    const session = await stripeGateway.createMembershipCheckout({
      metadata: { payment_id: paymentId, club_id: input.clubId, buyer_org_id: input.buyerOrgId, purpose: "membership" },
      clubName: club?.name ?? "Club",
      amountCents: prices.membershipPriceCents,
      stripePriceId: prices.stripePriceId,
      customerId: row?.stripeCustomerId,
      customerEmail: input.user.email,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
    });
    await db.update(payments).set({ checkoutSessionId: session.sessionId }).where(eq(payments.id, paymentId));
    return { paymentId, url: session.url };
  } catch (error) {
    await markPaymentFailed(db, paymentId, "Session de paiement impossible à créer");
    throw error;
  }
}

/** Stripe's customer portal for invoices and card changes (the owner only). */
export async function membershipPortalLink(input: { clubId: string; buyerOrgId: string; userId: string; returnUrl: string }): Promise<string> {
  requireBillingEnabled();
  await assertOwner(input.userId, input.buyerOrgId);
  const row = await membershipOf(input.clubId, input.buyerOrgId);
  if (!row?.stripeCustomerId) throw new DomainError("not_found", "Aucun paiement Stripe n'a encore été fait pour cette adhésion.");
  return (await stripeGateway.createPortalSession({ customerId: row.stripeCustomerId, returnUrl: input.returnUrl })).url;
}

/** After the return from Checkout: has the webhook recorded this session yet? Scoped to the org. */
export async function checkoutSessionStatus(input: { sessionId: string; buyerOrgId: string }) {
  const [row] = await db
    .select({ status: payments.status, clubId: payments.clubId })
    .from(payments)
    .where(and(eq(payments.checkoutSessionId, input.sessionId), eq(payments.buyerOrgId, input.buyerOrgId)));
  return row ?? null;
}
