import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { db } from "../../../db/connection";
import { clubBillingSettings } from "../../../db/schema";
import { createClubRow, createOrganisationRow, createUser } from "../../../db/seed/factories";

/** Shared by the billing tests: real rows and Stripe events signed like Stripe signs them. */

export const webhookSecret = "whsec_test_proxima_billing";

export async function billingWorld(options: { priceCents?: number | null; requiredForNeeds?: boolean; requiredForEvents?: boolean } = {}) {
  const owner = await createUser(db, { displayName: "Sophie Lefèvre" });
  const colleague = await createUser(db, { displayName: "Marc Dupont" });
  const animator = await createUser(db, { displayName: "Nadia Benali" });
  const club = await createClubRow(db, { name: `Club ${randomUUID().slice(0, 6)}`, epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [], animatorIds: [animator.id] });
  const buyer = await createOrganisationRow(db, {
    kind: "buyer",
    name: "Habitat Francilien Solidaire",
    members: [
      { userId: owner.id, role: "owner" },
      { userId: colleague.id, role: "member" },
    ],
  });
  const supplier = await createOrganisationRow(db, { kind: "supplier", name: "Net'Éclat Montreuil" });
  const priceCents = options.priceCents === undefined ? 120_000 : options.priceCents;
  await db.insert(clubBillingSettings).values({
    clubId: club.id,
    membershipPriceCents: priceCents,
    membershipRequiredForNeeds: options.requiredForNeeds ?? false,
    membershipRequiredForEvents: options.requiredForEvents ?? false,
  });
  return { owner, colleague, animator, club, buyer, supplier };
}

let counter = 0;
/** An event as Stripe sends it; `created` in seconds like Stripe's. */
export function stripeEvent(type: string, object: Record<string, unknown>, created: number, id = `evt_test_${++counter}_${randomUUID().slice(0, 8)}`) {
  return { id, object: "event", api_version: "2026-10-28.endive", type, created, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
}

export function signed(event: object, secret = webhookSecret): { payload: string; signature: string } {
  const payload = JSON.stringify(event);
  return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
}

export const t0 = Math.floor(Date.UTC(2026, 2, 1, 9, 0, 0) / 1000);
export const oneYear = 365 * 24 * 3600;

export function membershipMetadata(paymentId: string, clubId: string, buyerOrgId: string) {
  return { payment_id: paymentId, club_id: clubId, buyer_org_id: buyerOrgId, purpose: "membership" };
}

export function subscriptionSession(input: { sessionId: string; paymentId: string; clubId: string; buyerOrgId: string; subscriptionId: string; customerId: string }) {
  return {
    id: input.sessionId,
    object: "checkout.session",
    mode: "subscription",
    client_reference_id: input.paymentId,
    customer: input.customerId,
    subscription: input.subscriptionId,
    payment_intent: null,
    invoice: `in_first_${input.subscriptionId}`,
    amount_total: 120_000,
    currency: "eur",
    payment_status: "paid",
    status: "complete",
    metadata: membershipMetadata(input.paymentId, input.clubId, input.buyerOrgId),
  };
}

/** An invoice in the 2025+ shape: subscription and its metadata under `parent`, periods on lines. */
export function subscriptionInvoice(input: { invoiceId: string; subscriptionId: string; customerId: string; clubId: string; buyerOrgId: string; periodEnd: number; billingReason?: string; amount?: number }) {
  return {
    id: input.invoiceId,
    object: "invoice",
    customer: input.customerId,
    billing_reason: input.billingReason ?? "subscription_create",
    amount_paid: input.amount ?? 120_000,
    amount_due: input.amount ?? 120_000,
    currency: "eur",
    parent: {
      type: "subscription_details",
      subscription_details: { subscription: input.subscriptionId, metadata: { club_id: input.clubId, buyer_org_id: input.buyerOrgId, purpose: "membership" } },
    },
    lines: { object: "list", data: [{ id: `il_${input.invoiceId}`, period: { start: input.periodEnd - oneYear, end: input.periodEnd }, metadata: {} }] },
  };
}

export function subscriptionObject(input: { subscriptionId: string; customerId: string; clubId: string; buyerOrgId: string; status: string; periodEnd: number; cancelAtPeriodEnd?: boolean }) {
  return {
    id: input.subscriptionId,
    object: "subscription",
    customer: input.customerId,
    status: input.status,
    cancel_at_period_end: input.cancelAtPeriodEnd ?? false,
    metadata: { club_id: input.clubId, buyer_org_id: input.buyerOrgId, purpose: "membership" },
    items: { object: "list", data: [{ id: "si_1", current_period_end: input.periodEnd }] },
  };
}
