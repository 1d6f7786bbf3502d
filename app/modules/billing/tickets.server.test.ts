import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/connection";
import { payments } from "../../../db/schema";
import { eventTicketPrice, setEventTicketPrice } from "./prices.server";
import { stripeGateway } from "./stripe-gateway.server";
import { billingWorld } from "./test-fixtures";
import { abandonTicketCheckout, onTicketRefunded, refundTicket, startTicketCheckout, ticketPaymentState } from "./tickets.server";

beforeEach(() => {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function ticketInput() {
  const w = await billingWorld();
  return {
    w,
    input: {
      clubId: w.club.id,
      eventId: randomUUID(),
      registrationId: randomUUID(),
      buyerOrgId: w.buyer.id,
      userEmail: w.owner.email,
      amountCents: 4_500,
      successUrl: "http://localhost:3000/ok",
      cancelUrl: "http://localhost:3000/annule",
    },
  };
}

function fakeCheckout() {
  return vi.spyOn(stripeGateway, "createTicketCheckout").mockImplementation(async (i) => ({ sessionId: `cs_test_${i.metadata.payment_id}`, url: `https://checkout.stripe.com/c/pay/${i.metadata.payment_id}` }));
}

describe("ticket prices", () => {
  it("are set per event by its club and read by the events module; none without Stripe", async () => {
    const { w } = await ticketInput();
    const eventId = randomUUID();
    expect(await eventTicketPrice(eventId)).toBeNull();
    await setEventTicketPrice({ clubId: w.club.id, eventId, ticketPriceCents: 3_000 });
    expect(await eventTicketPrice(eventId)).toEqual({ clubId: w.club.id, amountCents: 3_000, currency: "eur" });
    const other = await billingWorld();
    await expect(setEventTicketPrice({ clubId: other.club.id, eventId, ticketPriceCents: 1 })).rejects.toMatchObject({ code: "forbidden" });
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    expect(await eventTicketPrice(eventId)).toBeNull();
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
    await setEventTicketPrice({ clubId: w.club.id, eventId, ticketPriceCents: null });
    expect(await eventTicketPrice(eventId)).toBeNull();
  });
});

describe("startTicketCheckout", () => {
  it("needs nothing when billing is disabled or the event is free", async () => {
    const { input } = await ticketInput();
    const create = fakeCheckout();
    expect(await startTicketCheckout({ ...input, amountCents: 0 })).toEqual({ status: "not_required" });
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    expect(await startTicketCheckout(input)).toEqual({ status: "not_required" });
    expect(create).not.toHaveBeenCalled();
    expect(await ticketPaymentState(input.registrationId)).toBe("not_required");
  });

  it("opens a one-off session with the registration in its metadata and leaves a pending payment", async () => {
    const { input } = await ticketInput();
    const create = fakeCheckout();
    const result = await startTicketCheckout(input);
    if (result.status !== "checkout") throw new Error("expected a checkout");
    expect(create.mock.calls[0]![0].metadata).toEqual({
      payment_id: result.paymentId,
      club_id: input.clubId,
      buyer_org_id: input.buyerOrgId,
      purpose: "ticket",
      registration_id: input.registrationId,
      event_id: input.eventId,
    });
    const [payment] = await db.select().from(payments).where(eq(payments.id, result.paymentId));
    expect(payment).toMatchObject({ status: "pending", purpose: "ticket", amountCents: 4_500, checkoutSessionId: `cs_test_${result.paymentId}` });
    expect(await ticketPaymentState(input.registrationId)).toBe("pending");
  });

  it("never charges a supplier", async () => {
    const { w, input } = await ticketInput();
    await expect(startTicketCheckout({ ...input, buyerOrgId: w.supplier.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("leaves a clear cancelled state after an abandoned checkout, then lets the buyer retry", async () => {
    const { input } = await ticketInput();
    fakeCheckout();
    const expire = vi.spyOn(stripeGateway, "expireCheckoutSession").mockResolvedValue();
    await startTicketCheckout(input);
    await abandonTicketCheckout({ registrationId: input.registrationId });
    expect(await ticketPaymentState(input.registrationId)).toBe("cancelled");
    expect(expire).toHaveBeenCalledTimes(1);
    await startTicketCheckout(input);
    expect(await ticketPaymentState(input.registrationId)).toBe("pending");
  });
});

describe("refundTicket", () => {
  async function paidTicket() {
    const { w, input } = await ticketInput();
    fakeCheckout();
    const result = await startTicketCheckout(input);
    if (result.status !== "checkout") throw new Error("expected a checkout");
    await db.update(payments).set({ status: "paid", paidAt: new Date(), paymentIntentId: "pi_test_1" }).where(eq(payments.id, result.paymentId));
    return { w, input, paymentId: result.paymentId };
  }

  it("refunds through Stripe, marks the payment refunded and runs the handler once", async () => {
    const { input, paymentId } = await paidTicket();
    const refund = vi.spyOn(stripeGateway, "refundPayment").mockResolvedValue({ refundId: "re_1", status: "succeeded" });
    const seen: string[] = [];
    const off = onTicketRefunded(async (_tx, t) => void seen.push(t.registrationId));
    try {
      expect(await refundTicket({ registrationId: input.registrationId, reason: "event_cancelled" })).toEqual({ status: "refunded" });
      expect(await refundTicket({ registrationId: input.registrationId, reason: "event_cancelled" })).toEqual({ status: "already_refunded" });
    } finally {
      off();
    }
    expect(refund).toHaveBeenCalledWith({ paymentId, paymentIntentId: "pi_test_1", reason: "event_cancelled" });
    expect(refund).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([input.registrationId]);
    const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
    expect(payment).toMatchObject({ status: "refunded", refundReason: "Événement annulé" });
    expect(await ticketPaymentState(input.registrationId)).toBe("refunded");
  });

  it("has nothing to refund for a registration that never paid", async () => {
    const refund = vi.spyOn(stripeGateway, "refundPayment");
    expect(await refundTicket({ registrationId: randomUUID(), reason: "buyer_cancelled" })).toEqual({ status: "not_paid" });
    expect(refund).not.toHaveBeenCalled();
  });

  it("keeps the ticket paid when Stripe refuses the refund", async () => {
    const { input } = await paidTicket();
    vi.spyOn(stripeGateway, "refundPayment").mockRejectedValue(new Error("network down"));
    await expect(refundTicket({ registrationId: input.registrationId, reason: "buyer_cancelled" })).rejects.toThrow("network down");
    expect(await ticketPaymentState(input.registrationId)).toBe("paid");
  });
});
