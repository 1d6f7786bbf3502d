import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/connection";
import { buyerMemberships, clubBillingSettings, eventParticipants, mails, payments } from "../../../db/schema";
import { stripeGateway, type TicketCheckoutInput } from "../billing/stripe-gateway.server";
import { signed, stripeEvent, t0, webhookSecret } from "../billing/test-fixtures";
import { ticketPaymentState } from "../billing/tickets.server";
import { handleStripeWebhook } from "../billing/webhook.server";
import { clubFixture, openEvent, person } from "./test-fixtures";
import { buyerTicketPrice, cancelEvent, cancelOwnRegistration, decideRegistration, registerEventTicketHandlers, registerForEvent, returnFromAbandonedCheckout, startRegistrationCheckout } from "./tickets.server";
import { DomainError } from "~/lib/errors";

let clubId = "";
let animatorId = "";
const now = new Date("2027-01-10T10:00:00Z");
let sessions: TicketCheckoutInput[] = [];

beforeAll(async () => {
  const f = await clubFixture("Club Billetterie");
  clubId = f.club.id;
  animatorId = f.animator.id;
  registerEventTicketHandlers();
});
beforeEach(() => {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", webhookSecret);
  sessions = [];
  // Stripe is unreachable here: the gateway's calls are replaced, the webhooks are real and signed.
  vi.spyOn(stripeGateway, "createTicketCheckout").mockImplementation(async (input) => {
    sessions.push(input);
    return { sessionId: `cs_test_${input.metadata.payment_id}`, url: `https://checkout.stripe.com/c/pay/cs_test_${input.metadata.payment_id}` };
  });
  vi.spyOn(stripeGateway, "expireCheckoutSession").mockResolvedValue();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function statusOf(participantId: string) {
  const [row] = await db.select().from(eventParticipants).where(eq(eventParticipants.id, participantId));
  return row!;
}

async function registerBuyer(eventId: string, at = now) {
  const p = await person("buyer");
  const outcome = await registerForEvent({ eventId, userId: p.user.id, organisationId: p.organisationId, userEmail: p.user.email, now: at });
  return { ...p, ...outcome };
}

/** What Stripe sends when the Checkout session opened for this input is paid. */
function completed(input: TicketCheckoutInput, paymentIntentId = `pi_${randomUUID().slice(0, 8)}`) {
  return {
    id: `cs_test_${input.metadata.payment_id}`,
    object: "checkout.session",
    mode: "payment",
    client_reference_id: input.metadata.payment_id,
    payment_intent: paymentIntentId,
    amount_total: input.amountCents,
    currency: "eur",
    payment_status: "paid",
    metadata: input.metadata,
  };
}

function deliver(event: object) {
  const { payload, signature } = signed(event);
  return handleStripeWebhook(payload, signature);
}

describe("free registration", () => {
  it("without a Stripe key there is no price and a buyer registers at once", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", undefined);
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "45" });
    expect(await buyerTicketPrice(event.id)).toBeNull();
    const buyer = await registerBuyer(event.id);
    expect(buyer.participant.status).toBe("approved");
    expect(buyer.checkoutUrl).toBeNull();
    expect(sessions).toHaveLength(0);
    expect(await ticketPaymentState(buyer.participant.id)).toBe("not_required");
  });

  it("suppliers never pay, even when buyers do", async () => {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "45" });
    const supplier = await person("supplier");
    const outcome = await registerForEvent({ eventId: event.id, userId: supplier.user.id, organisationId: supplier.organisationId, userEmail: supplier.user.email, now });
    expect(outcome).toMatchObject({ checkoutUrl: null, participant: { status: "approved" } });
  });
});

describe("paid ticket at registration", () => {
  it("holds the registration awaiting payment until a signed webhook confirms it; a tampered one is refused, a replay is a no-op", async () => {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "45.50" });
    expect(await buyerTicketPrice(event.id)).toBe(4_550);
    const buyer = await registerBuyer(event.id);
    expect(buyer.participant.status).toBe("awaiting_payment");
    expect(buyer.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(sessions[0]).toMatchObject({ amountCents: 4_550, customerEmail: buyer.user.email, metadata: { registration_id: buyer.participant.id, event_id: event.id, purpose: "ticket" } });
    expect(sessions[0]!.cancelUrl).toBe(`http://localhost:3000/rencontres/${event.slug}?paiement=annule`);
    expect(await ticketPaymentState(buyer.participant.id)).toBe("pending");

    const paid = stripeEvent("checkout.session.completed", completed(sessions[0]!), t0);
    const { payload, signature } = signed(paid);
    const tampered = await handleStripeWebhook(payload.replace('"amount_total":4550', '"amount_total":1'), signature).catch((e: unknown) => e);
    expect(tampered).toBeInstanceOf(DomainError);
    expect((tampered as DomainError).status).toBe(400);
    expect((await statusOf(buyer.participant.id)).status).toBe("awaiting_payment");

    expect((await handleStripeWebhook(payload, signature)).outcome).toBe("processed");
    expect((await statusOf(buyer.participant.id)).status).toBe("approved");
    expect(await ticketPaymentState(buyer.participant.id)).toBe("paid");
    const confirmations = () => db.select().from(mails).where(and(eq(mails.to, buyer.user.email), eq(mails.kind, "event.registered")));
    expect((await confirmations()).map((m) => m.text).join()).toContain("Votre billet est payé.");

    expect((await handleStripeWebhook(payload, signature)).outcome).toBe("duplicate");
    // Another delivery of the same completion (new event id) changes nothing either.
    await deliver(stripeEvent("checkout.session.completed", completed(sessions[0]!), t0 + 5));
    expect(await confirmations()).toHaveLength(1);
  });

  it("an unpaid registration holds no place; the paid one follows the waiting-list rules of the moment", async () => {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "30", capacityBuyers: "1" });
    const first = await registerBuyer(event.id);
    const second = await registerBuyer(event.id);
    expect([first.participant.status, second.participant.status]).toEqual(["awaiting_payment", "awaiting_payment"]);
    await deliver(stripeEvent("checkout.session.completed", completed(sessions[1]!), t0));
    await deliver(stripeEvent("checkout.session.completed", completed(sessions[0]!), t0 + 10));
    expect(await statusOf(second.participant.id)).toMatchObject({ status: "approved" });
    expect(await statusOf(first.participant.id)).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
  });

  it("ends cancelled when the refund arrives before the completion (out of order)", async () => {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "30" });
    const buyer = await registerBuyer(event.id);
    const session = completed(sessions[0]!);
    const charge = { id: `ch_${randomUUID().slice(0, 8)}`, object: "charge", payment_intent: session.payment_intent, refunded: true, amount_refunded: 3_000, metadata: sessions[0]!.metadata };
    await deliver(stripeEvent("charge.refunded", charge, t0 + 600));
    expect((await statusOf(buyer.participant.id)).status).toBe("awaiting_payment");
    await deliver(stripeEvent("checkout.session.completed", session, t0));
    expect(await ticketPaymentState(buyer.participant.id)).toBe("refunded");
    expect((await statusOf(buyer.participant.id)).status).toBe("cancelled");
  });

  it("an abandoned checkout shows as cancelled and can be retried", async () => {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "30" });
    const buyer = await registerBuyer(event.id);
    await returnFromAbandonedCheckout({ eventId: event.id, userId: buyer.user.id });
    expect(await ticketPaymentState(buyer.participant.id)).toBe("cancelled");
    expect((await statusOf(buyer.participant.id)).status).toBe("awaiting_payment");
    const retry = await startRegistrationCheckout({ eventId: event.id, userId: buyer.user.id, userEmail: buyer.user.email });
    expect(retry.checkoutUrl).toContain(sessions[1]!.metadata.payment_id);
    expect(await ticketPaymentState(buyer.participant.id)).toBe("pending");
    // The abandoned session completing after all still confirms the registration.
    await deliver(stripeEvent("checkout.session.completed", completed(sessions[0]!), t0));
    expect((await statusOf(buyer.participant.id)).status).toBe("approved");
  });

  it("requires the club membership when the club asks for it", async () => {
    const f = await clubFixture("Club Adhérents");
    await db.insert(clubBillingSettings).values({ clubId: f.club.id, membershipPriceCents: 50_000, membershipRequiredForEvents: true });
    const event = await openEvent(f.club.id, f.animator.id);
    const buyer = await person("buyer");
    const register = () => registerForEvent({ eventId: event.id, userId: buyer.user.id, organisationId: buyer.organisationId, userEmail: buyer.user.email, now });
    await expect(register()).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/doit être adhérente/) });
    // Suppliers are never asked.
    const supplier = await person("supplier");
    await expect(registerForEvent({ eventId: event.id, userId: supplier.user.id, organisationId: supplier.organisationId, userEmail: supplier.user.email, now })).resolves.toMatchObject({ checkoutUrl: null });
    await db.insert(buyerMemberships).values({ clubId: f.club.id, buyerOrgId: buyer.organisationId, freeGrant: true });
    await expect(register()).resolves.toMatchObject({ participant: { status: "approved" } });
    // Without Stripe nothing is required.
    vi.stubEnv("STRIPE_SECRET_KEY", undefined);
    const other = await person("buyer");
    await expect(registerForEvent({ eventId: event.id, userId: other.user.id, organisationId: other.organisationId, userEmail: other.user.email, now })).resolves.toMatchObject({ participant: { status: "approved" } });
  });
});

describe("refunds", () => {
  async function paidBuyer(overrides: Record<string, unknown> = {}) {
    const event = await openEvent(clubId, animatorId, { ticketPriceEuros: "30", ...overrides });
    const buyer = await registerBuyer(event.id);
    const session = completed(sessions[sessions.length - 1]!);
    await deliver(stripeEvent("checkout.session.completed", session, t0));
    return { event, buyer, paymentIntentId: session.payment_intent };
  }

  it("refunds a buyer who cancels before the registration deadline, not after", async () => {
    const refund = vi.spyOn(stripeGateway, "refundPayment").mockResolvedValue({ refundId: "re_1", status: "succeeded" });
    const { event, buyer, paymentIntentId } = await paidBuyer({ registrationClosesAt: "2027-03-01T18:00" });
    expect(await cancelOwnRegistration({ eventId: event.id, userId: buyer.user.id, now: new Date("2027-02-01T10:00:00Z") })).toEqual({ refunded: true });
    expect(refund).toHaveBeenCalledWith(expect.objectContaining({ paymentIntentId, reason: "buyer_cancelled" }));
    expect(await ticketPaymentState(buyer.participant.id)).toBe("refunded");
    expect((await statusOf(buyer.participant.id)).status).toBe("cancelled");

    const late = await paidBuyer({ registrationClosesAt: "2027-03-01T18:00" });
    refund.mockClear();
    expect(await cancelOwnRegistration({ eventId: late.event.id, userId: late.buyer.user.id, now: new Date("2027-03-02T10:00:00Z") })).toEqual({ refunded: false });
    expect(refund).not.toHaveBeenCalled();
    expect(await ticketPaymentState(late.buyer.participant.id)).toBe("paid");
    expect((await statusOf(late.buyer.participant.id)).status).toBe("cancelled");
  });

  it("refunds a paid buyer the club rejects (manual approval)", async () => {
    const refund = vi.spyOn(stripeGateway, "refundPayment").mockResolvedValue({ refundId: "re_3", status: "succeeded" });
    const { event, buyer } = await paidBuyer({ approvalMode: "manual" });
    expect((await statusOf(buyer.participant.id)).status).toBe("pending");
    expect(await decideRegistration({ eventId: event.id, participantId: buyer.participant.id, decision: "reject" })).toEqual({ refunded: true });
    expect(refund).toHaveBeenCalledWith(expect.objectContaining({ reason: "registration_rejected" }));
    expect((await statusOf(buyer.participant.id)).status).toBe("rejected");
    const [payment] = await db.select().from(payments).where(eq(payments.registrationId, buyer.participant.id));
    expect(payment).toMatchObject({ status: "refunded", refundReason: "Inscription refusée par le club" });
  });

  it("refunds every paid ticket when the club cancels the event, and retries the refunds that failed", async () => {
    const refund = vi.spyOn(stripeGateway, "refundPayment").mockRejectedValueOnce(new DomainError("conflict", "Le service de paiement n'a pas répondu."));
    refund.mockResolvedValue({ refundId: "re_2", status: "succeeded" });
    const { event, buyer } = await paidBuyer();
    const supplier = await person("supplier");
    const s = await registerForEvent({ eventId: event.id, userId: supplier.user.id, organisationId: supplier.organisationId, userEmail: supplier.user.email, now });
    const unpaid = await registerBuyer(event.id);

    expect(await cancelEvent({ clubId, slug: event.slug })).toEqual({ refunded: 0, failed: 1 });
    expect((await statusOf(buyer.participant.id)).status).toBe("approved"); // kept until refunded
    expect((await statusOf(s.participant.id)).status).toBe("cancelled");
    expect((await statusOf(unpaid.participant.id)).status).toBe("cancelled");
    expect(await ticketPaymentState(unpaid.participant.id)).toBe("cancelled");
    const notices = await db.select().from(mails).where(and(eq(mails.kind, "event.cancelled"), eq(mails.to, supplier.user.email)));
    expect(notices).toHaveLength(1);

    expect(await cancelEvent({ clubId, slug: event.slug })).toEqual({ refunded: 1, failed: 0 });
    expect(await ticketPaymentState(buyer.participant.id)).toBe("refunded");
    expect((await statusOf(buyer.participant.id)).status).toBe("cancelled");
    const [payment] = await db.select().from(payments).where(eq(payments.registrationId, buyer.participant.id));
    expect(payment).toMatchObject({ status: "refunded", refundReason: "Événement annulé", amountRefundedCents: 3_000 });
  });
});
