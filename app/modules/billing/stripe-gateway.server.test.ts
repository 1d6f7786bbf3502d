import { describe, expect, it } from "vitest";
import { stripeGateway } from "./stripe-gateway.server";

/**
 * Runs against Stripe's test mode only with a real test key: Stripe's API is unreachable from
 * our CI machines, so there the suite says so instead of passing silently.
 */
const key = process.env.STRIPE_SECRET_KEY ?? "";
const hasTestKey = key.startsWith("sk_test_") && key !== "sk_test_dummy";

if (!hasTestKey) {
  describe("Stripe gateway without a test key", () => {
    it("reports that the API tests are skipped", () => {
      console.info("Stripe API tests skipped: STRIPE_SECRET_KEY is not a test key (Stripe's API is unreachable from this machine)");
      expect(hasTestKey).toBe(false);
    });
  });
} else {
  describe("Stripe gateway against Stripe's test mode", () => {
    const ids = { payment_id: crypto.randomUUID(), club_id: crypto.randomUUID(), buyer_org_id: crypto.randomUUID() };
    const urls = { successUrl: "http://localhost:3000/ok?session={CHECKOUT_SESSION_ID}", cancelUrl: "http://localhost:3000/annule" };

    it("opens a yearly subscription session, then expires it", async () => {
      const session = await stripeGateway.createMembershipCheckout({
        metadata: { ...ids, purpose: "membership" },
        clubName: "Club de test",
        amountCents: 120_000,
        customerEmail: "acheteuse@example.org",
        ...urls,
      });
      expect(session.sessionId).toMatch(/^cs_test_/);
      expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
      await stripeGateway.expireCheckoutSession(session.sessionId);
    });

    it("opens a one-off ticket session, then expires it", async () => {
      const session = await stripeGateway.createTicketCheckout({
        metadata: { ...ids, payment_id: crypto.randomUUID(), purpose: "ticket", registration_id: crypto.randomUUID(), event_id: crypto.randomUUID() },
        description: "Billet — test",
        amountCents: 4_500,
        customerEmail: "acheteuse@example.org",
        ...urls,
      });
      expect(session.sessionId).toMatch(/^cs_test_/);
      await stripeGateway.expireCheckoutSession(session.sessionId);
    });
  });
}
