import { and, eq, or, sql } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { payments, stripeEvents } from "../../../db/schema";
import { billingConfig } from "./config.server";
import { applyMembershipSignal, mailPaymentFailed, type MembershipSignal } from "./memberships.server";
import { fillStripeIds, markPaymentCancelled, markPaymentFailed, markPaymentPaid, markPaymentPartlyRefunded, markPaymentRefunded, recordInvoicePayment, type PaymentRow } from "./payments.server";
import { ticketBecamePaid, ticketBecameRefunded } from "./tickets.server";
import { DomainError } from "~/lib/errors";

/**
 * Stripe webhooks are the source of truth for payments. Each event is verified, stored once by
 * its id and applied in the same transaction: a replay finds the id and does nothing, and a
 * failure rolls everything back so Stripe's retry starts clean.
 *
 * Payloads are read through small lenient schemas rather than Stripe's types: the shape depends
 * on the API version of the endpoint (the subscription's period end moved to its items in 2025,
 * the invoice's subscription to `parent`), and we read both.
 */

const id = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .nullish()
  .transform((v) => (v == null ? null : typeof v === "string" ? v : v.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((v) => v ?? {});

const SubscriptionObject = z
  .object({
    id: z.string(),
    status: z.string(),
    customer: id,
    metadata,
    cancel_at_period_end: z.boolean().nullish(),
    current_period_end: z.number().nullish(),
    items: z.object({ data: z.array(z.object({ current_period_end: z.number().nullish() }).loose()) }).loose().nullish(),
  })
  .loose();
type SubscriptionObject = z.infer<typeof SubscriptionObject>;

const SessionObject = z
  .object({
    id: z.string(),
    mode: z.string(),
    client_reference_id: z.string().nullish(),
    customer: id,
    subscription: z.union([z.string(), SubscriptionObject]).nullish(),
    payment_intent: id,
    invoice: id,
    amount_total: z.number().nullish(),
    payment_status: z.string().nullish(),
    metadata,
  })
  .loose();
type SessionObject = z.infer<typeof SessionObject>;

const InvoiceObject = z
  .object({
    id: z.string(),
    customer: id,
    subscription: id,
    // Before the 2025 API versions an invoice named its payment intent and charge: a later refund finds it by them.
    payment_intent: id,
    charge: id,
    billing_reason: z.string().nullish(),
    amount_paid: z.number().nullish(),
    amount_due: z.number().nullish(),
    currency: z.string().nullish(),
    parent: z.object({ subscription_details: z.object({ subscription: id, metadata }).loose().nullish() }).loose().nullish(),
    subscription_details: z.object({ metadata }).loose().nullish(),
    lines: z.object({ data: z.array(z.object({ period: z.object({ end: z.number() }).loose().nullish(), metadata }).loose()) }).loose().nullish(),
  })
  .loose();
type InvoiceObject = z.infer<typeof InvoiceObject>;

const ChargeObject = z
  .object({ id: z.string(), payment_intent: id, invoice: id, refunded: z.boolean().nullish(), amount_refunded: z.number().nullish(), metadata })
  .loose();

/** 2025+ API versions: the link between an invoice and the payment intent that paid it. */
const InvoicePaymentObject = z
  .object({ invoice: id, payment: z.object({ payment_intent: id, charge: id }).loose().nullish(), status: z.string().nullish() })
  .loose();

type Context = { tx: Executor; eventId: string; at: Date };
type Handler = (ctx: Context, object: unknown) => Promise<void>;

const fromUnix = (seconds: number) => new Date(seconds * 1000);

function subscriptionPeriodEnd(subscription: SubscriptionObject): Date | null {
  const ends = [subscription.current_period_end, ...(subscription.items?.data ?? []).map((i) => i.current_period_end)].filter((n): n is number => typeof n === "number");
  return ends.length ? fromUnix(Math.max(...ends)) : null;
}

/** Our ids, as the gateway put them on the session, subscription or payment intent. */
function membershipTarget(meta: Record<string, string>): { clubId: string; buyerOrgId: string } | null {
  const uuid = z.string().uuid();
  const clubId = uuid.safeParse(meta.club_id);
  const buyerOrgId = uuid.safeParse(meta.buyer_org_id);
  return clubId.success && buyerOrgId.success ? { clubId: clubId.data, buyerOrgId: buyerOrgId.data } : null;
}

async function lockPayment(tx: Executor, where: ReturnType<typeof or>): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(where).limit(1).for("update");
  return row;
}

async function paymentForSession(tx: Executor, session: SessionObject): Promise<PaymentRow | undefined> {
  const byReference = z.string().uuid().safeParse(session.client_reference_id ?? session.metadata.payment_id);
  return lockPayment(tx, or(eq(payments.checkoutSessionId, session.id), byReference.success ? eq(payments.id, byReference.data) : undefined));
}

/** A refund event that came before the payment's own completion (events are not ordered). */
async function refundAlreadyReceived(tx: Executor, paymentIntentId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: stripeEvents.id })
    .from(stripeEvents)
    .where(
      and(
        eq(stripeEvents.type, "charge.refunded"),
        sql`${stripeEvents.payload} -> 'data' -> 'object' ->> 'payment_intent' = ${paymentIntentId}`,
        sql`(${stripeEvents.payload} -> 'data' -> 'object' ->> 'refunded')::boolean`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

async function completeTicket(ctx: Context, payment: PaymentRow, session: SessionObject): Promise<void> {
  const paid = await markPaymentPaid(ctx.tx, payment.id, { paymentIntentId: session.payment_intent, invoiceId: session.invoice, amountCents: session.amount_total, at: ctx.at });
  if (!paid) return;
  await ticketBecamePaid(ctx.tx, paid);
  if (session.payment_intent && (await refundAlreadyReceived(ctx.tx, session.payment_intent))) {
    const refunded = await markPaymentRefunded(ctx.tx, paid.id, { reason: "Remboursé depuis Stripe", at: ctx.at });
    if (refunded) await ticketBecameRefunded(ctx.tx, refunded);
  }
}

async function completeMembership(ctx: Context, payment: PaymentRow | undefined, session: SessionObject): Promise<void> {
  const subscription = session.subscription;
  const subscriptionId = typeof subscription === "string" ? subscription : (subscription?.id ?? null);
  if (payment) {
    await markPaymentPaid(ctx.tx, payment.id, { invoiceId: session.invoice, subscriptionId, amountCents: session.amount_total, at: ctx.at });
  }
  if (!subscriptionId) return;
  const activeUntil = typeof subscription === "object" && subscription ? subscriptionPeriodEnd(subscription) : null;
  const target = payment ? { clubId: payment.clubId, buyerOrgId: payment.buyerOrgId } : membershipTarget(session.metadata);
  await applyMembershipSignal(ctx.tx, { target, eventAt: ctx.at, signal: { kind: "activate", subscriptionId, customerId: session.customer, activeUntil } });
}

/** checkout.session.completed and checkout.session.async_payment_succeeded. */
const sessionPaid: Handler = async (ctx, object) => {
  const session = SessionObject.parse(object);
  // A delayed method (SEPA debit) completes the session unpaid: async_payment_succeeded follows.
  if (session.payment_status === "unpaid") return;
  const payment = await paymentForSession(ctx.tx, session);
  if (session.mode === "subscription") return completeMembership(ctx, payment, session);
  if (payment) await completeTicket(ctx, payment, session);
};

const sessionExpired: Handler = async (ctx, object) => {
  const payment = await paymentForSession(ctx.tx, SessionObject.parse(object));
  if (payment) await markPaymentCancelled(ctx.tx, payment.id, "Session de paiement expirée");
};

const sessionPaymentFailed: Handler = async (ctx, object) => {
  const payment = await paymentForSession(ctx.tx, SessionObject.parse(object));
  if (payment) await markPaymentFailed(ctx.tx, payment.id, "Paiement refusé");
};

function invoiceSubscription(invoice: InvoiceObject): { subscriptionId: string | null; meta: Record<string, string> } {
  const details = invoice.parent?.subscription_details;
  const lineMeta = invoice.lines?.data.find((l) => Object.keys(l.metadata).length)?.metadata ?? {};
  return {
    subscriptionId: details?.subscription ?? invoice.subscription,
    meta: { ...lineMeta, ...invoice.subscription_details?.metadata, ...details?.metadata },
  };
}

function invoicePeriodEnd(invoice: InvoiceObject): Date | null {
  const ends = (invoice.lines?.data ?? []).map((l) => l.period?.end).filter((n): n is number => typeof n === "number");
  return ends.length ? fromUnix(Math.max(...ends)) : null;
}

/** invoice.paid and invoice.payment_failed: the membership's state, and a row for renewals. */
function invoiceHandler(outcome: "paid" | "failed"): Handler {
  return async (ctx, object) => {
    const invoice = InvoiceObject.parse(object);
    const { subscriptionId, meta } = invoiceSubscription(invoice);
    if (!subscriptionId) return;
    const signal: MembershipSignal =
      outcome === "paid"
        ? { kind: "activate", subscriptionId, customerId: invoice.customer, activeUntil: invoicePeriodEnd(invoice) }
        : { kind: "past_due", subscriptionId, customerId: invoice.customer };
    const result = await applyMembershipSignal(ctx.tx, { target: membershipTarget(meta), signal, eventAt: ctx.at });
    if (!result) return;
    const { clubId, buyerOrgId } = result.after;
    // The first invoice is the Checkout session's payment, recorded with it: it learns its payment ids here.
    const [first] = await ctx.tx.select({ id: payments.id }).from(payments).where(eq(payments.invoiceId, invoice.id));
    if (first) await fillStripeIds(ctx.tx, first.id, { paymentIntentId: invoice.payment_intent, chargeId: invoice.charge });
    if (invoice.billing_reason !== "subscription_create") {
      const amount = outcome === "paid" ? invoice.amount_paid : invoice.amount_due;
      await recordInvoicePayment(ctx.tx, {
        clubId,
        buyerOrgId,
        invoiceId: invoice.id,
        subscriptionId,
        amountCents: amount ?? 0,
        currency: invoice.currency ?? "eur",
        outcome,
        at: ctx.at,
        failureReason: outcome === "failed" ? "Prélèvement refusé" : undefined,
        paymentIntentId: invoice.payment_intent,
        chargeId: invoice.charge,
      });
    }
    if (result.applied && result.before.status !== "past_due" && result.after.status === "past_due") {
      await mailPaymentFailed(ctx.tx, clubId, buyerOrgId);
    }
  };
}

function subscriptionSignal(subscription: SubscriptionObject): MembershipSignal | null {
  const base = { subscriptionId: subscription.id, customerId: subscription.customer };
  switch (subscription.status) {
    case "active":
    case "trialing":
      return { ...base, kind: "activate", activeUntil: subscriptionPeriodEnd(subscription), cancelAtPeriodEnd: subscription.cancel_at_period_end ?? false };
    case "past_due":
    case "unpaid":
    case "paused":
      return { ...base, kind: "past_due", activeUntil: subscriptionPeriodEnd(subscription) };
    case "canceled":
    case "incomplete_expired":
      return { ...base, kind: "cancelled" };
    default:
      // "incomplete": the first payment is still being made in Checkout; nothing to record yet.
      return null;
  }
}

const subscriptionUpdated: Handler = async (ctx, object) => {
  const subscription = SubscriptionObject.parse(object);
  const signal = subscriptionSignal(subscription);
  if (signal) await applyMembershipSignal(ctx.tx, { target: membershipTarget(subscription.metadata), signal, eventAt: ctx.at });
};

const subscriptionDeleted: Handler = async (ctx, object) => {
  const subscription = SubscriptionObject.parse(object);
  await applyMembershipSignal(ctx.tx, {
    target: membershipTarget(subscription.metadata),
    eventAt: ctx.at,
    signal: { kind: "cancelled", subscriptionId: subscription.id, customerId: subscription.customer },
  });
};

/** invoice_payment.paid (2025+ API versions): remembers which payment intent paid a membership invoice. */
const invoicePaymentPaid: Handler = async (ctx, object) => {
  const link = InvoicePaymentObject.parse(object);
  if (!link.invoice || !link.payment) return;
  const [row] = await ctx.tx.select({ id: payments.id }).from(payments).where(eq(payments.invoiceId, link.invoice));
  if (row) await fillStripeIds(ctx.tx, row.id, { paymentIntentId: link.payment.payment_intent, chargeId: link.payment.charge });
};

/** The payment a charge belongs to: by its payment intent, its id, our metadata, or its invoice. */
async function paymentForCharge(tx: Executor, charge: z.infer<typeof ChargeObject>): Promise<PaymentRow | undefined> {
  const byMetadata = z.string().uuid().safeParse(charge.metadata.payment_id);
  // 2025+ API versions: a charge no longer names its invoice; invoice_payment.paid stored the link.
  const linkedInvoice = sql`(SELECT ${stripeEvents.payload} -> 'data' -> 'object' ->> 'invoice' FROM ${stripeEvents}
    WHERE ${stripeEvents.type} = 'invoice_payment.paid' AND ${stripeEvents.payload} -> 'data' -> 'object' -> 'payment' ->> 'payment_intent' = ${charge.payment_intent})`;
  return lockPayment(
    tx,
    or(
      eq(payments.chargeId, charge.id),
      charge.payment_intent ? eq(payments.paymentIntentId, charge.payment_intent) : undefined,
      byMetadata.success ? eq(payments.id, byMetadata.data) : undefined,
      charge.invoice ? eq(payments.invoiceId, charge.invoice) : undefined,
      charge.payment_intent ? sql`${payments.invoiceId} IN ${linkedInvoice}` : undefined,
    ),
  );
}

/**
 * A refund made in Stripe (dashboard, or by refundTicket), for a ticket or a membership invoice.
 * The amount refunded so far is mirrored either way; a full refund marks the payment refunded
 * (and, for a ticket, runs the refund handlers); a partial one leaves it paid.
 */
const chargeRefunded: Handler = async (ctx, object) => {
  const charge = ChargeObject.parse(object);
  const payment = await paymentForCharge(ctx.tx, charge);
  // Unknown yet (the completion is late): completeTicket finds this stored event and refunds then.
  if (!payment) return;
  if (!charge.refunded) {
    await markPaymentPartlyRefunded(ctx.tx, payment.id, { chargeId: charge.id, amountRefundedCents: charge.amount_refunded ?? 0 });
    return;
  }
  const refunded = await markPaymentRefunded(ctx.tx, payment.id, { chargeId: charge.id, reason: "Remboursé depuis Stripe", at: ctx.at, amountRefundedCents: charge.amount_refunded });
  if (refunded) await ticketBecameRefunded(ctx.tx, refunded);
};

const handlers: Record<string, Handler> = {
  "checkout.session.completed": sessionPaid,
  "checkout.session.async_payment_succeeded": sessionPaid,
  "checkout.session.async_payment_failed": sessionPaymentFailed,
  "checkout.session.expired": sessionExpired,
  "invoice.paid": invoiceHandler("paid"),
  "invoice.payment_failed": invoiceHandler("failed"),
  "customer.subscription.updated": subscriptionUpdated,
  "customer.subscription.deleted": subscriptionDeleted,
  "charge.refunded": chargeRefunded,
  "invoice_payment.paid": invoicePaymentPaid,
};

export const handledEventTypes = Object.keys(handlers);

function verifiedEvent(rawBody: string, signature: string | null): Stripe.Event {
  const secret = billingConfig().webhookSecret;
  if (!secret) {
    console.error("[billing] webhook received but STRIPE_WEBHOOK_SECRET is not set");
    throw new DomainError("invalid", "Webhook Stripe non configuré.");
  }
  if (!signature) throw new DomainError("invalid", "Signature Stripe manquante.");
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new DomainError("invalid", "Signature Stripe invalide.");
  }
}

export type WebhookOutcome = { eventId: string; type: string; outcome: "processed" | "duplicate" | "ignored" };

/**
 * Verifies, stores once and applies one Stripe event. A bad or missing signature is a 400
 * DomainError and writes nothing.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<WebhookOutcome> {
  const event = verifiedEvent(rawBody, signature);
  const at = fromUnix(event.created);
  return db.transaction(async (tx) => {
    const stored = await tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, createdAtStripe: at, payload: JSON.parse(rawBody) as Record<string, unknown> })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!stored.length) return { eventId: event.id, type: event.type, outcome: "duplicate" as const };
    const handler = handlers[event.type];
    if (!handler) return { eventId: event.id, type: event.type, outcome: "ignored" as const };
    await handler({ tx, eventId: event.id, at }, event.data.object);
    await tx.update(stripeEvents).set({ processedAt: new Date() }).where(eq(stripeEvents.id, event.id));
    return { eventId: event.id, type: event.type, outcome: "processed" as const };
  });
}
