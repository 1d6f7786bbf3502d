import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/connection";
import { appMeta, buyerMemberships, mails, payments, stripeEvents } from "../../../db/schema";
import { membershipOf } from "./memberships.server";
import { onTicketPaid, onTicketRefunded, ticketPaymentState, type TicketChange } from "./tickets.server";
import {
  billingWorld,
  oneYear,
  signed,
  stripeEvent,
  subscriptionInvoice,
  subscriptionObject,
  subscriptionSession,
  t0,
  webhookSecret,
} from "./test-fixtures";
import { handleStripeWebhook } from "./webhook.server";
import { DomainError } from "~/lib/errors";

beforeEach(() => {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", webhookSecret);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function deliver(event: object) {
  const { payload, signature } = signed(event);
  return handleStripeWebhook(payload, signature);
}

async function expectRejected(promise: Promise<unknown>, message: RegExp) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(400);
  expect((error as DomainError).message).toMatch(message);
}

const storedEvents = async () => (await db.select({ n: count() }).from(stripeEvents))[0]!.n;
const isStored = async (eventId: string) => (await db.select().from(stripeEvents).where(eq(stripeEvents.id, eventId))).length === 1;

/** A buyer who started a membership checkout: the pending payment the gateway would have left. */
async function membershipStarted() {
  const world = await billingWorld();
  const paymentId = randomUUID();
  const sessionId = `cs_test_${randomUUID().slice(0, 8)}`;
  await db.insert(payments).values({ id: paymentId, clubId: world.club.id, buyerOrgId: world.buyer.id, purpose: "membership", amountCents: 120_000, checkoutSessionId: sessionId });
  const ids = { sessionId, paymentId, clubId: world.club.id, buyerOrgId: world.buyer.id, subscriptionId: `sub_${randomUUID().slice(0, 8)}`, customerId: `cus_${randomUUID().slice(0, 8)}` };
  return { ...world, ...ids, session: subscriptionSession(ids) };
}

async function ticketStarted() {
  const world = await billingWorld();
  const paymentId = randomUUID();
  const registrationId = randomUUID();
  const eventId = randomUUID();
  const sessionId = `cs_test_${randomUUID().slice(0, 8)}`;
  const paymentIntentId = `pi_${randomUUID().slice(0, 8)}`;
  await db.insert(payments).values({ id: paymentId, clubId: world.club.id, buyerOrgId: world.buyer.id, purpose: "ticket", registrationId, eventId, amountCents: 4_500, checkoutSessionId: sessionId });
  const metadata = { payment_id: paymentId, club_id: world.club.id, buyer_org_id: world.buyer.id, purpose: "ticket", registration_id: registrationId, event_id: eventId };
  const session = { id: sessionId, object: "checkout.session", mode: "payment", client_reference_id: paymentId, payment_intent: paymentIntentId, amount_total: 4_500, payment_status: "paid", metadata };
  const charge = { id: `ch_${randomUUID().slice(0, 8)}`, object: "charge", payment_intent: paymentIntentId, refunded: true, amount_refunded: 4_500, metadata };
  return { ...world, paymentId, registrationId, eventId, sessionId, paymentIntentId, session, charge };
}

describe("signature", () => {
  it("applies a validly signed event once and records it", async () => {
    const m = await membershipStarted();
    const event = stripeEvent("checkout.session.completed", m.session, t0);
    expect(await deliver(event)).toEqual({ eventId: event.id, type: "checkout.session.completed", outcome: "processed" });

    const membership = await membershipOf(m.clubId, m.buyerOrgId);
    expect(membership).toMatchObject({ status: "active", stripeSubscriptionId: m.subscriptionId, stripeCustomerId: m.customerId });
    expect(membership!.activeUntil!.getTime()).toBe((t0 + oneYear) * 1000);
    const [payment] = await db.select().from(payments).where(eq(payments.id, m.paymentId));
    expect(payment).toMatchObject({ status: "paid", invoiceId: `in_first_${m.subscriptionId}`, stripeSubscriptionId: m.subscriptionId });
    const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(stored?.processedAt).toBeInstanceOf(Date);
    expect(stored?.createdAtStripe.getTime()).toBe(t0 * 1000);
  });

  it("refuses a tampered body with a 400 and changes nothing", async () => {
    const m = await membershipStarted();
    const event = stripeEvent("checkout.session.completed", m.session, t0);
    const { payload, signature } = signed(event);
    const before = await storedEvents();
    const tampered = payload.replace('"amount_total":120000', '"amount_total":1');
    expect(tampered).not.toBe(payload);
    await expectRejected(handleStripeWebhook(tampered, signature), /Signature Stripe invalide/);
    expect(await storedEvents()).toBe(before);
    expect(await isStored(event.id)).toBe(false);
    expect(await membershipOf(m.clubId, m.buyerOrgId)).toBeUndefined();
    const [payment] = await db.select().from(payments).where(eq(payments.id, m.paymentId));
    expect(payment?.status).toBe("pending");
  });

  it("refuses a missing signature, and one made with another secret", async () => {
    const m = await membershipStarted();
    const event = stripeEvent("checkout.session.completed", m.session, t0);
    await expectRejected(handleStripeWebhook(JSON.stringify(event), null), /Signature Stripe manquante/);
    const forged = signed(event, "whsec_not_ours");
    await expectRejected(handleStripeWebhook(forged.payload, forged.signature), /Signature Stripe invalide/);
    expect(await isStored(event.id)).toBe(false);
    expect(await membershipOf(m.clubId, m.buyerOrgId)).toBeUndefined();
  });

  it("refuses everything while no webhook secret is configured", async () => {
    const { payload, signature } = signed(stripeEvent("invoice.paid", { id: "in_1" }, t0));
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "");
    await expectRejected(handleStripeWebhook(payload, signature), /non configuré/);
  });
});

describe("idempotency", () => {
  it("treats a replayed event as a no-op", async () => {
    const t = await ticketStarted();
    const seen: TicketChange[] = [];
    const off = onTicketPaid(async (_tx, ticket) => void seen.push(ticket));
    try {
      const event = stripeEvent("checkout.session.completed", t.session, t0);
      expect((await deliver(event)).outcome).toBe("processed");
      expect((await deliver(event)).outcome).toBe("duplicate");
      expect(seen).toHaveLength(1);
      expect(await isStored(event.id)).toBe(true);
    } finally {
      off();
    }
  });

  it("records a renewal invoice once, however often it is delivered", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    const renewal = subscriptionInvoice({ ...m, invoiceId: "in_renewal_1", periodEnd: t0 + 2 * oneYear, billingReason: "subscription_cycle" });
    const event = stripeEvent("invoice.paid", renewal, t0 + oneYear);
    await deliver(event);
    await deliver(event);
    const rows = await db.select().from(payments).where(eq(payments.invoiceId, "in_renewal_1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "paid", purpose: "membership", amountCents: 120_000 });
    expect((await membershipOf(m.clubId, m.buyerOrgId))!.activeUntil!.getTime()).toBe((t0 + 2 * oneYear) * 1000);
  });

  it("stores an event type it does not handle without acting on it", async () => {
    const event = stripeEvent("customer.created", { id: "cus_1" }, t0);
    expect((await deliver(event)).outcome).toBe("ignored");
    const [stored] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(stored?.processedAt).toBeNull();
  });
});

describe("out-of-order delivery", () => {
  it("ends active when invoice.paid arrives before checkout.session.completed", async () => {
    const m = await membershipStarted();
    const periodEnd = t0 + oneYear + 3600;
    await deliver(stripeEvent("invoice.paid", subscriptionInvoice({ ...m, invoiceId: `in_first_${m.subscriptionId}`, periodEnd }), t0 + 2));
    let membership = await membershipOf(m.clubId, m.buyerOrgId);
    expect(membership).toMatchObject({ status: "active", stripeSubscriptionId: m.subscriptionId });

    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    membership = await membershipOf(m.clubId, m.buyerOrgId);
    expect(membership).toMatchObject({ status: "active", stripeCustomerId: m.customerId });
    expect(membership!.activeUntil!.getTime()).toBe(periodEnd * 1000); // the invoice's exact date, not the estimate
    expect(membership!.lastStripeEventAt!.getTime()).toBe((t0 + 2) * 1000);
    const [payment] = await db.select().from(payments).where(eq(payments.id, m.paymentId));
    expect(payment?.status).toBe("paid");
  });

  it("lets subscription.deleted win over an older subscription.updated delivered after it", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    await deliver(stripeEvent("customer.subscription.deleted", subscriptionObject({ ...m, status: "canceled", periodEnd: t0 + oneYear }), t0 + 300));
    await deliver(stripeEvent("customer.subscription.updated", subscriptionObject({ ...m, status: "active", periodEnd: t0 + oneYear }), t0 + 200));
    expect((await membershipOf(m.clubId, m.buyerOrgId))?.status).toBe("cancelled");
  });

  it("keeps a cancelled subscription cancelled even against a same-second update", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    await deliver(stripeEvent("customer.subscription.deleted", subscriptionObject({ ...m, status: "canceled", periodEnd: t0 + oneYear }), t0 + 300));
    await deliver(stripeEvent("invoice.paid", subscriptionInvoice({ ...m, invoiceId: "in_x", periodEnd: t0 + 2 * oneYear, billingReason: "subscription_cycle" }), t0 + 300));
    expect((await membershipOf(m.clubId, m.buyerOrgId))?.status).toBe("cancelled");
  });

  it("ends past due when an older invoice.paid arrives after invoice.payment_failed, and tells the owner", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    const renewal = (id: string) => subscriptionInvoice({ ...m, invoiceId: id, periodEnd: t0 + 2 * oneYear, billingReason: "subscription_cycle" });
    await deliver(stripeEvent("invoice.payment_failed", renewal("in_renew"), t0 + oneYear + 60));
    await deliver(stripeEvent("customer.subscription.updated", subscriptionObject({ ...m, status: "active", periodEnd: t0 + oneYear }), t0 + oneYear - 60));
    const membership = await membershipOf(m.clubId, m.buyerOrgId);
    expect(membership?.status).toBe("past_due");
    const [failed] = await db.select().from(payments).where(eq(payments.invoiceId, "in_renew"));
    expect(failed?.status).toBe("failed");
    const sent = await db.select().from(mails).where(eq(mails.kind, "billing.membership_past_due"));
    expect(sent.map((s) => s.to)).toEqual([m.owner.email]);

    // The card is updated and Stripe's retry succeeds: active again, the same invoice now paid.
    await deliver(stripeEvent("invoice.paid", renewal("in_renew"), t0 + oneYear + 3 * 86400));
    expect((await membershipOf(m.clubId, m.buyerOrgId))?.status).toBe("active");
    const [paid] = await db.select().from(payments).where(eq(payments.invoiceId, "in_renew"));
    expect(paid?.status).toBe("paid");
  });

  it("ignores the end of an old subscription once a new one is linked", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    await deliver(stripeEvent("customer.subscription.deleted", subscriptionObject({ ...m, status: "canceled", periodEnd: t0 + oneYear }), t0 + 100));
    // The buyer subscribes again (new subscription), then a late failure of the old one arrives.
    const second = { ...m, subscriptionId: "sub_second" };
    await deliver(stripeEvent("invoice.paid", subscriptionInvoice({ ...second, invoiceId: "in_second", periodEnd: t0 + 200 + oneYear }), t0 + 200));
    await deliver(stripeEvent("invoice.payment_failed", subscriptionInvoice({ ...m, invoiceId: "in_old", periodEnd: t0 + oneYear, billingReason: "subscription_cycle" }), t0 + 300));
    const membership = await membershipOf(m.clubId, m.buyerOrgId);
    expect(membership).toMatchObject({ status: "active", stripeSubscriptionId: "sub_second" });
  });

  it("maps subscription statuses and keeps cancel_at_period_end", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    await deliver(stripeEvent("customer.subscription.updated", subscriptionObject({ ...m, status: "active", periodEnd: t0 + oneYear, cancelAtPeriodEnd: true }), t0 + 10));
    expect(await membershipOf(m.clubId, m.buyerOrgId)).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    await deliver(stripeEvent("customer.subscription.updated", subscriptionObject({ ...m, status: "unpaid", periodEnd: t0 + oneYear }), t0 + 20));
    expect((await membershipOf(m.clubId, m.buyerOrgId))?.status).toBe("past_due");
    await deliver(stripeEvent("customer.subscription.updated", subscriptionObject({ ...m, status: "canceled", periodEnd: t0 + oneYear }), t0 + 30));
    expect((await membershipOf(m.clubId, m.buyerOrgId))?.status).toBe("cancelled");
  });

  it("ignores events whose metadata names nothing of ours", async () => {
    const before = await db.select({ n: count() }).from(buyerMemberships);
    const invoice = subscriptionInvoice({ invoiceId: "in_foreign", subscriptionId: "sub_foreign", customerId: "cus_foreign", clubId: randomUUID(), buyerOrgId: randomUUID(), periodEnd: t0 + oneYear });
    expect((await deliver(stripeEvent("invoice.paid", invoice, t0))).outcome).toBe("processed");
    expect(await db.select({ n: count() }).from(buyerMemberships)).toEqual(before);
    expect(await db.select().from(buyerMemberships).where(eq(buyerMemberships.stripeSubscriptionId, "sub_foreign"))).toHaveLength(0);
  });
});

describe("tickets", () => {
  it("marks the ticket paid and runs the events module's handler inside the transaction", async () => {
    const t = await ticketStarted();
    const off = onTicketPaid(async (tx, ticket) => {
      await tx.insert(appMeta).values({ key: `registration:${ticket.registrationId}`, value: "confirmed" });
    });
    try {
      await deliver(stripeEvent("checkout.session.completed", t.session, t0));
    } finally {
      off();
    }
    expect(await ticketPaymentState(t.registrationId)).toBe("paid");
    const [confirmed] = await db.select().from(appMeta).where(eq(appMeta.key, `registration:${t.registrationId}`));
    expect(confirmed?.value).toBe("confirmed");
    const [payment] = await db.select().from(payments).where(eq(payments.id, t.paymentId));
    expect(payment).toMatchObject({ paymentIntentId: t.paymentIntentId, status: "paid" });
  });

  it("rolls everything back when the handler fails, so Stripe's retry applies it later", async () => {
    const t = await ticketStarted();
    const event = stripeEvent("checkout.session.completed", t.session, t0);
    const off = onTicketPaid(async (tx, ticket) => {
      await tx.insert(appMeta).values({ key: `registration:${ticket.registrationId}`, value: "confirmed" });
      throw new Error("registration table locked");
    });
    await expect(deliver(event)).rejects.toThrow("registration table locked");
    off();
    expect(await ticketPaymentState(t.registrationId)).toBe("pending");
    expect(await isStored(event.id)).toBe(false);
    expect(await db.select().from(appMeta).where(eq(appMeta.key, `registration:${t.registrationId}`))).toHaveLength(0);

    expect((await deliver(event)).outcome).toBe("processed");
    expect(await ticketPaymentState(t.registrationId)).toBe("paid");
  });

  it("refunds on charge.refunded and runs the refund handler once", async () => {
    const t = await ticketStarted();
    await deliver(stripeEvent("checkout.session.completed", t.session, t0));
    const refunds: string[] = [];
    const off = onTicketRefunded(async (_tx, ticket) => void refunds.push(ticket.registrationId));
    try {
      const event = stripeEvent("charge.refunded", t.charge, t0 + 600);
      await deliver(event);
      await deliver(stripeEvent("charge.refunded", t.charge, t0 + 601)); // another delivery id, same refund
    } finally {
      off();
    }
    expect(refunds).toEqual([t.registrationId]);
    expect(await ticketPaymentState(t.registrationId)).toBe("refunded");
    const [payment] = await db.select().from(payments).where(eq(payments.id, t.paymentId));
    expect(payment?.chargeId).toBe(t.charge.id);
    expect(payment?.refundedAt).toBeInstanceOf(Date);
  });

  it("keeps a partly refunded ticket valid and mirrors the amount", async () => {
    const t = await ticketStarted();
    await deliver(stripeEvent("checkout.session.completed", t.session, t0));
    await deliver(stripeEvent("charge.refunded", { ...t.charge, refunded: false, amount_refunded: 1_000 }, t0 + 60));
    expect(await ticketPaymentState(t.registrationId)).toBe("paid");
    const [payment] = await db.select().from(payments).where(eq(payments.id, t.paymentId));
    expect(payment?.amountRefundedCents).toBe(1_000);
  });

  it("ends refunded when charge.refunded arrives before checkout.session.completed", async () => {
    const t = await ticketStarted();
    const calls: string[] = [];
    const offPaid = onTicketPaid(async () => void calls.push("paid"));
    const offRefunded = onTicketRefunded(async () => void calls.push("refunded"));
    try {
      await deliver(stripeEvent("charge.refunded", t.charge, t0 + 600));
      expect(await ticketPaymentState(t.registrationId)).toBe("pending");
      await deliver(stripeEvent("checkout.session.completed", t.session, t0));
    } finally {
      offPaid();
      offRefunded();
    }
    expect(await ticketPaymentState(t.registrationId)).toBe("refunded");
    expect(calls).toEqual(["paid", "refunded"]);
  });

  it("cancels an expired session, and still records a payment that completed after all", async () => {
    const t = await ticketStarted();
    await deliver(stripeEvent("checkout.session.expired", { ...t.session, payment_status: "unpaid", payment_intent: null }, t0 + 86400));
    expect(await ticketPaymentState(t.registrationId)).toBe("cancelled");
    await deliver(stripeEvent("checkout.session.completed", t.session, t0));
    expect(await ticketPaymentState(t.registrationId)).toBe("paid");
  });

  it("waits for async_payment_succeeded when a session completes unpaid", async () => {
    const t = await ticketStarted();
    await deliver(stripeEvent("checkout.session.completed", { ...t.session, payment_status: "unpaid" }, t0));
    expect(await ticketPaymentState(t.registrationId)).toBe("pending");
    await deliver(stripeEvent("checkout.session.async_payment_succeeded", t.session, t0 + 3 * 86400));
    expect(await ticketPaymentState(t.registrationId)).toBe("paid");
  });
});

describe("membership refunds", () => {
  async function renewed() {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    const invoiceId = `in_renew_${randomUUID().slice(0, 8)}`;
    const paymentIntentId = `pi_${randomUUID().slice(0, 8)}`;
    const invoice = {
      ...subscriptionInvoice({ ...m, invoiceId, periodEnd: t0 + 2 * oneYear, billingReason: "subscription_cycle" }),
      payment_intent: paymentIntentId, // the shape of API versions before 2025
    };
    await deliver(stripeEvent("invoice.paid", invoice, t0 + oneYear));
    return { ...m, invoiceId, paymentIntentId };
  }
  const paymentOfInvoice = async (invoiceId: string) => (await db.select().from(payments).where(eq(payments.invoiceId, invoiceId)))[0]!;

  it("mirrors a partial then a full refund of a renewal invoice in the payments list", async () => {
    const r = await renewed();
    const charge = { id: `ch_${randomUUID().slice(0, 8)}`, object: "charge", payment_intent: r.paymentIntentId, invoice: r.invoiceId, amount: 120_000, metadata: {} };
    await deliver(stripeEvent("charge.refunded", { ...charge, refunded: false, amount_refunded: 20_000 }, t0 + oneYear + 60));
    expect(await paymentOfInvoice(r.invoiceId)).toMatchObject({ status: "paid", amountRefundedCents: 20_000, chargeId: charge.id });
    const { listClubPayments, paymentTotals } = await import("./payments.server");
    expect(paymentTotals(await listClubPayments(r.clubId))).toMatchObject({ paid: 120_000 + 100_000, refunded: 20_000 });

    // An older partial-refund event delivered late never lowers the amount.
    await deliver(stripeEvent("charge.refunded", { ...charge, refunded: false, amount_refunded: 5_000 }, t0 + oneYear + 30));
    expect((await paymentOfInvoice(r.invoiceId)).amountRefundedCents).toBe(20_000);

    await deliver(stripeEvent("charge.refunded", { ...charge, refunded: true, amount_refunded: 120_000 }, t0 + oneYear + 120));
    const full = await paymentOfInvoice(r.invoiceId);
    expect(full).toMatchObject({ status: "refunded", amountRefundedCents: 120_000, refundReason: "Remboursé depuis Stripe" });
    expect(full.refundedAt).toBeInstanceOf(Date);
    expect(paymentTotals(await listClubPayments(r.clubId))).toMatchObject({ paid: 120_000, refunded: 120_000 });
    // Refunding a membership payment does not end the membership: Stripe's subscription events do.
    expect((await membershipOf(r.clubId, r.buyerOrgId))!.status).toBe("active");
  });

  it("finds the first invoice's payment through invoice_payment.paid (2025+ API shapes, no invoice on the charge)", async () => {
    const m = await membershipStarted();
    await deliver(stripeEvent("checkout.session.completed", m.session, t0));
    const paymentIntentId = `pi_${randomUUID().slice(0, 8)}`;
    const invoiceId = `in_first_${m.subscriptionId}`;
    await deliver(stripeEvent("invoice_payment.paid", { id: "inpay_1", object: "invoice_payment", invoice: invoiceId, status: "paid", payment: { type: "payment_intent", payment_intent: paymentIntentId } }, t0 + 1));
    const charge = { id: `ch_${randomUUID().slice(0, 8)}`, object: "charge", payment_intent: paymentIntentId, refunded: true, amount_refunded: 120_000, metadata: {} };
    await deliver(stripeEvent("charge.refunded", charge, t0 + 600));
    const [payment] = await db.select().from(payments).where(eq(payments.id, m.paymentId));
    expect(payment).toMatchObject({ status: "refunded", amountRefundedCents: 120_000, paymentIntentId, chargeId: charge.id });
  });

  it("a refund of a payment nobody knows changes nothing", async () => {
    const before = await db.select({ n: count() }).from(payments);
    const outcome = await deliver(stripeEvent("charge.refunded", { id: "ch_unknown", object: "charge", payment_intent: "pi_unknown", refunded: true, amount_refunded: 10, metadata: {} }, t0));
    expect(outcome.outcome).toBe("processed");
    expect(await db.select({ n: count() }).from(payments)).toEqual(before);
  });
});

describe("POST /webhooks/stripe", () => {
  async function post(body: string, signature?: string) {
    const { action } = await import("~/routes/webhooks.stripe");
    const headers = new Headers({ "Content-Type": "application/json" });
    if (signature) headers.set("Stripe-Signature", signature);
    // A real Response: the status is what Stripe sees (a `data()` from a resource route would go out as 200).
    const response = await action({ request: new Request("http://localhost:3000/webhooks/stripe", { method: "POST", body, headers }), params: {}, context: {} });
    if (!(response instanceof Response)) throw new Error("the webhook route must answer with a Response");
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("answers 200 to a signed event read from the raw body, 400 to a bad signature", async () => {
    const m = await membershipStarted();
    const { payload, signature } = signed(stripeEvent("checkout.session.completed", m.session, t0));
    expect(await post(payload.replace("subscription", "subscription "), signature)).toMatchObject({ status: 400, body: { error: "Signature Stripe invalide." } });
    expect(await post(payload)).toMatchObject({ status: 400, body: { error: "Signature Stripe manquante." } });
    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: "processed" } });
    expect(await post(payload, signature)).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
  });
});
