import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/connection";
import { buyerMemberships, mails, payments } from "../../../db/schema";
import {
  buyerMembershipOverview,
  clubMembershipOverview,
  effectiveMembership,
  grantFreeMembership,
  membershipOf,
  membershipPatch,
  membershipPortalLink,
  membershipRequirement,
  revokeFreeMembership,
  startMembershipCheckout,
  type MembershipSignal,
} from "./memberships.server";
import { stripeGateway } from "./stripe-gateway.server";
import { billingWorld } from "./test-fixtures";
import { DomainError } from "~/lib/errors";

const now = new Date("2026-06-01T10:00:00Z");
const later = new Date("2027-03-01T10:00:00Z");
const earlier = new Date("2026-01-01T10:00:00Z");

beforeEach(() => {
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function setMembership(clubId: string, buyerOrgId: string, values: Partial<typeof buyerMemberships.$inferInsert>) {
  await db.insert(buyerMemberships).values({ clubId, buyerOrgId, ...values }).onConflictDoUpdate({ target: [buyerMemberships.clubId, buyerMemberships.buyerOrgId], set: values });
}

describe("effectiveMembership", () => {
  const row = { status: "none" as const, activeUntil: null, freeGrant: false, cancelAtPeriodEnd: false };
  it.each([
    ["no row", null, "none", false],
    ["never paid", row, "none", false],
    ["free grant, whatever Stripe says", { ...row, status: "cancelled" as const, freeGrant: true }, "free", true],
    ["active until later", { ...row, status: "active" as const, activeUntil: later }, "active", true],
    ["active but its end has passed", { ...row, status: "active" as const, activeUntil: earlier }, "expired", false],
    ["past due", { ...row, status: "past_due" as const, activeUntil: later }, "past_due", false],
    ["cancelled", { ...row, status: "cancelled" as const, activeUntil: later }, "cancelled", false],
  ])("%s", (_label, input, state, satisfied) => {
    expect(effectiveMembership(input, now)).toMatchObject({ state, satisfied });
  });
});

describe("membershipPatch (out-of-order rules)", () => {
  const linked = { status: "active" as const, activeUntil: later, cancelAtPeriodEnd: false, stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", lastStripeEventAt: now };
  const signal = (kind: MembershipSignal["kind"], subscriptionId = "sub_1"): MembershipSignal =>
    kind === "activate" ? { kind, subscriptionId, customerId: "cus_1", activeUntil: null } : { kind, subscriptionId, customerId: "cus_1" };

  it("applies a newer event", () => {
    expect(membershipPatch(linked, signal("past_due"), later)).toMatchObject({ applied: true, patch: { status: "past_due", lastStripeEventAt: later } });
  });
  it("changes no state for an older event", () => {
    expect(membershipPatch(linked, signal("cancelled"), earlier)).toEqual({ applied: false, patch: {} });
  });
  it("lets an older event fill in a missing customer id only", () => {
    const noCustomer = { ...linked, stripeCustomerId: null };
    expect(membershipPatch(noCustomer, signal("activate"), earlier)).toEqual({ applied: false, patch: { stripeCustomerId: "cus_1" } });
  });
  it("never revives a cancelled subscription, even with a newer event", () => {
    expect(membershipPatch({ ...linked, status: "cancelled" }, signal("activate"), later).applied).toBe(false);
  });
  it("ignores the failure of a subscription that is not the linked one", () => {
    expect(membershipPatch(linked, signal("past_due", "sub_old"), later).applied).toBe(false);
  });
  it("links a new subscription when it activates", () => {
    expect(membershipPatch({ ...linked, status: "cancelled" }, signal("activate", "sub_2"), later)).toMatchObject({ applied: true, patch: { status: "active", stripeSubscriptionId: "sub_2" } });
  });
  it("keeps the known period end when an activation carries none", () => {
    expect(membershipPatch(linked, signal("activate"), now).patch.activeUntil).toEqual(later);
  });
  it("estimates one year when nothing is known", () => {
    const fresh = { ...linked, status: "none" as const, activeUntil: null, stripeSubscriptionId: null, lastStripeEventAt: null };
    expect(membershipPatch(fresh, signal("activate"), now).patch.activeUntil).toEqual(new Date("2027-06-01T10:00:00Z"));
  });
});

describe("membershipRequirement", () => {
  it("is always satisfied when billing is disabled", async () => {
    const w = await billingWorld({ requiredForNeeds: true });
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    expect(await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now })).toEqual({ required: false, satisfied: true });
  });

  it("is not required for what the club did not choose", async () => {
    const w = await billingWorld({ requiredForNeeds: true });
    expect(await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "events", now })).toEqual({ required: false, satisfied: true });
  });

  it("explains in French what is missing, and is satisfied by a paid or a free membership", async () => {
    const w = await billingWorld({ requiredForNeeds: true });
    const missing = await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now });
    expect(missing).toMatchObject({ required: true, satisfied: false });
    expect(missing.message).toContain(`Pour publier un besoin dans le club « ${w.club.name} »`);

    await setMembership(w.club.id, w.buyer.id, { status: "past_due", activeUntil: earlier });
    expect((await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now })).message).toMatch(/a échoué/);

    await setMembership(w.club.id, w.buyer.id, { status: "active", activeUntil: later });
    expect(await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now })).toEqual({ required: true, satisfied: true });
    expect((await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now: new Date("2027-04-01") })).satisfied).toBe(false);

    await setMembership(w.club.id, w.buyer.id, { status: "cancelled", freeGrant: true });
    expect((await membershipRequirement({ clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "needs", now })).satisfied).toBe(true);
  });
});

describe("free membership", () => {
  it("is granted by the club, told to the owners, shown, and revoked", async () => {
    const w = await billingWorld({ requiredForEvents: true });
    await grantFreeMembership({ clubId: w.club.id, buyerOrgId: w.buyer.id, grantedBy: w.animator.id, note: "Entreprise partenaire", now });
    expect(await membershipOf(w.club.id, w.buyer.id)).toMatchObject({ freeGrant: true, grantNote: "Entreprise partenaire", grantedBy: w.animator.id, status: "none" });
    const [mail] = await db.select().from(mails).where(and(eq(mails.kind, "billing.membership_granted"), eq(mails.to, w.owner.email)));
    expect(mail?.subject).toContain(w.club.name);

    const view = await clubMembershipOverview(w.club.id, now);
    expect(view.find((v) => v.buyerOrgId === w.buyer.id)).toMatchObject({ state: "free", satisfied: true });
    expect(view.some((v) => v.buyerOrgId === w.supplier.id)).toBe(false);
    const own = await buyerMembershipOverview(w.buyer.id, now);
    expect(own.find((o) => o.clubId === w.club.id)).toMatchObject({ state: "free", priceCents: 120_000, grantNote: "Entreprise partenaire" });

    await revokeFreeMembership({ clubId: w.club.id, buyerOrgId: w.buyer.id });
    expect((await membershipOf(w.club.id, w.buyer.id))?.freeGrant).toBe(false);
    await expect(revokeFreeMembership({ clubId: w.club.id, buyerOrgId: w.buyer.id })).rejects.toThrow(DomainError);
  });

  it("is refused to a supplier organisation", async () => {
    const w = await billingWorld();
    await expect(grantFreeMembership({ clubId: w.club.id, buyerOrgId: w.supplier.id, grantedBy: w.animator.id })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("startMembershipCheckout", () => {
  const urls = { successUrl: "http://localhost:3000/ok?session={CHECKOUT_SESSION_ID}", cancelUrl: "http://localhost:3000/annule" };

  it("records a pending payment and opens a yearly subscription session carrying our ids", async () => {
    const w = await billingWorld();
    const create = vi.spyOn(stripeGateway, "createMembershipCheckout").mockResolvedValue({ sessionId: "cs_test_membership", url: "https://checkout.stripe.com/c/pay/cs_test_membership" });
    const result = await startMembershipCheckout({ clubId: w.club.id, buyerOrgId: w.buyer.id, user: w.owner, ...urls, now });
    expect(result.url).toBe("https://checkout.stripe.com/c/pay/cs_test_membership");
    const call = create.mock.calls[0]![0];
    expect(call).toMatchObject({ amountCents: 120_000, customerEmail: w.owner.email, clubName: w.club.name, successUrl: urls.successUrl });
    expect(call.metadata).toEqual({ payment_id: result.paymentId, club_id: w.club.id, buyer_org_id: w.buyer.id, purpose: "membership" });
    const [payment] = await db.select().from(payments).where(eq(payments.id, result.paymentId));
    expect(payment).toMatchObject({ status: "pending", purpose: "membership", checkoutSessionId: "cs_test_membership", amountCents: 120_000, startedBy: w.owner.id });
  });

  it("is for the organisation's owner only", async () => {
    const w = await billingWorld();
    const create = vi.spyOn(stripeGateway, "createMembershipCheckout");
    await expect(startMembershipCheckout({ clubId: w.club.id, buyerOrgId: w.buyer.id, user: w.colleague, ...urls })).rejects.toMatchObject({ code: "forbidden" });
    await expect(startMembershipCheckout({ clubId: w.club.id, buyerOrgId: w.supplier.id, user: w.owner, ...urls })).rejects.toMatchObject({ code: "forbidden" });
    expect(create).not.toHaveBeenCalled();
  });

  it("refuses a second subscription, a free club, and a platform without Stripe", async () => {
    const w = await billingWorld();
    await setMembership(w.club.id, w.buyer.id, { status: "active", activeUntil: later, stripeSubscriptionId: "sub_1" });
    await expect(startMembershipCheckout({ clubId: w.club.id, buyerOrgId: w.buyer.id, user: w.owner, ...urls, now })).rejects.toThrow(/déjà active jusqu'au 1 mars 2027/);
    const free = await billingWorld({ priceCents: null });
    await expect(startMembershipCheckout({ clubId: free.club.id, buyerOrgId: free.buyer.id, user: free.owner, ...urls })).rejects.toThrow(/ne demande pas/);
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    await expect(startMembershipCheckout({ clubId: free.club.id, buyerOrgId: free.buyer.id, user: free.owner, ...urls })).rejects.toThrow(/gratuit/);
  });

  it("marks the attempt failed when Stripe cannot be reached", async () => {
    const w = await billingWorld();
    vi.spyOn(stripeGateway, "createMembershipCheckout").mockRejectedValue(new DomainError("conflict", "Le service de paiement n'a pas répondu."));
    await expect(startMembershipCheckout({ clubId: w.club.id, buyerOrgId: w.buyer.id, user: w.owner, ...urls })).rejects.toThrow(/n'a pas répondu/);
    const rows = await db.select().from(payments).where(eq(payments.buyerOrgId, w.buyer.id));
    expect(rows.map((r) => r.status)).toEqual(["failed"]);
  });
});

describe("membershipPortalLink", () => {
  it("opens the portal for the owner once a Stripe customer exists", async () => {
    const w = await billingWorld();
    await expect(membershipPortalLink({ clubId: w.club.id, buyerOrgId: w.buyer.id, userId: w.owner.id, returnUrl: "http://localhost:3000/x" })).rejects.toMatchObject({ code: "not_found" });
    await setMembership(w.club.id, w.buyer.id, { status: "active", activeUntil: later, stripeCustomerId: `cus_${randomUUID().slice(0, 6)}` });
    const portal = vi.spyOn(stripeGateway, "createPortalSession").mockResolvedValue({ url: "https://billing.stripe.com/p/session/test" });
    expect(await membershipPortalLink({ clubId: w.club.id, buyerOrgId: w.buyer.id, userId: w.owner.id, returnUrl: "http://localhost:3000/x" })).toBe("https://billing.stripe.com/p/session/test");
    await expect(membershipPortalLink({ clubId: w.club.id, buyerOrgId: w.buyer.id, userId: w.colleague.id, returnUrl: "http://localhost:3000/x" })).rejects.toMatchObject({ code: "forbidden" });
    expect(portal).toHaveBeenCalledTimes(1);
  });
});
