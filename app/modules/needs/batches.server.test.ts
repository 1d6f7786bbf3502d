// Next batches of matched suppliers, in-app notifications of needs and answers, needs closing at
// their deadline, and the club membership required to publish. Each test uses its own purchasing
// category so that suppliers created by the others never match its needs.
import { and, asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "../../../db/connection";
import { buyerMemberships, clubBillingSettings, mails, needBatches, needEvents, needs, needSuppliers, notifications } from "../../../db/schema";
import { listNotifications, markAllRead, markRead, notifyUsers, unreadCount } from "../notifications/in-app.server";
import { answerInterested, declineNeed } from "./answers.server";
import { closeExpiredNeeds, EXPIRED_ACTION } from "./deadlines.server";
import { changeNeedStatus, saveNeed, submitNeed } from "./needs.server";
import { needBatchesView, sendNextBatch } from "./notifications.server";
import { needForm, needsWorld, supplierWithMember } from "./test-fixtures";
import { DomainError } from "~/lib/errors";

type World = Awaited<ReturnType<typeof needsWorld>>;

const publish = (w: World, category: string, now: Date, overrides: Record<string, unknown> = {}) =>
  saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit", categories: [category], questions: [], ...overrides }), now });

const notifiedIds = async (needId: string) =>
  (await db.select().from(needSuppliers).where(and(eq(needSuppliers.needId, needId)))).filter((r) => r.notifiedAt).map((r) => r.supplierId);

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("next batches", () => {
  it("sends the next best matched suppliers not notified yet, records each batch, and says when none remain", async () => {
    const w = await needsWorld("lots", { approvalRequired: false, notifyBatchSize: 2 });
    // Five suppliers ranked by QPV status then distance from Montreuil.
    const s = [
      await supplierWithMember("lots-1", { categories: ["imprimerie"], qpvStatus: "verified", qpvCode: "QN09318M" }),
      await supplierWithMember("lots-2", { categories: ["imprimerie"], qpvStatus: "declared" }),
      await supplierWithMember("lots-3", { categories: ["imprimerie"] }),
      await supplierWithMember("lots-4", { categories: ["imprimerie"], lat: 48.88, lon: 2.42 }),
      await supplierWithMember("lots-5", { categories: ["imprimerie"], lat: 48.9, lon: 2.4 }),
    ];
    const need = await publish(w, "imprimerie", new Date("2027-04-01T09:00:00Z"));
    expect(need.status).toBe("published");
    const first = await notifiedIds(need.id);
    expect(first).toHaveLength(2);
    expect(first).toContain(s[0]!.supplier.id);
    expect(await needBatchesView(need)).toMatchObject({ remaining: 3, batches: [{ position: 1, size: 2 }] });

    // The club's animator sends the second batch, the buyer the third (one left).
    expect(await sendNextBatch({ scope: { clubId: w.club.id }, needId: need.id, actorId: w.animator.id, now: new Date("2027-04-02T09:00:00Z") })).toBe(2);
    expect(await sendNextBatch({ scope: { buyerOrgId: w.buyer.id }, needId: need.id, actorId: w.buyerUser.id, now: new Date("2027-04-03T09:00:00Z") })).toBe(1);
    expect((await notifiedIds(need.id)).sort()).toEqual(s.map((x) => x.supplier.id).sort());
    const batches = await db.select().from(needBatches).where(eq(needBatches.needId, need.id)).orderBy(asc(needBatches.position));
    expect(batches.map((b) => [b.position, b.size, b.sentBy])).toEqual([
      [1, 2, w.buyerUser.id],
      [2, 2, w.animator.id],
      [3, 1, w.buyerUser.id],
    ]);
    // Each supplier row names the batch that reached it; every member got a mail.
    const rows = await db.select().from(needSuppliers).where(eq(needSuppliers.needId, need.id));
    expect(new Set(rows.map((r) => r.batchId))).toEqual(new Set(batches.map((b) => b.id)));
    for (const { owner } of s) expect(await db.select().from(mails).where(eq(mails.to, owner.email))).toHaveLength(1);

    const view = await needBatchesView(need);
    expect(view.remaining).toBe(0);
    const none = await refusal(sendNextBatch({ scope: { buyerOrgId: w.buyer.id }, needId: need.id, actorId: w.buyerUser.id }));
    expect(none.status).toBe(409);
    expect(none.message).toBe("Tous les fournisseurs correspondants ont déjà été prévenus.");
    expect(await db.select().from(needBatches).where(eq(needBatches.needId, need.id))).toHaveLength(3);
  });

  it("is scoped to the buyer's organisation or the need's club, and only for published needs", async () => {
    const w = await needsWorld("lots-scope", { approvalRequired: false, notifyBatchSize: 1 });
    const other = await needsWorld("lots-other");
    await supplierWithMember("lots-scope-1", { categories: ["evenementiel"] });
    await supplierWithMember("lots-scope-2", { categories: ["evenementiel"] });
    const need = await publish(w, "evenementiel", new Date("2027-04-01T09:00:00Z"));
    expect((await refusal(sendNextBatch({ scope: { buyerOrgId: other.buyer.id }, needId: need.id, actorId: other.buyerUser.id }))).status).toBe(404);
    expect((await refusal(sendNextBatch({ scope: { clubId: other.club.id }, needId: need.id, actorId: other.animator.id }))).status).toBe(404);
    expect((await refusal(sendNextBatch({ scope: { clubId: w.club.id }, needId: "pas-un-uuid", actorId: w.animator.id }))).status).toBe(404);
    await changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "close" });
    const closed = await refusal(sendNextBatch({ scope: { buyerOrgId: w.buyer.id }, needId: need.id, actorId: w.buyerUser.id }));
    expect(closed.status).toBe(409);
    expect(await notifiedIds(need.id)).toHaveLength(1);
  });
});

describe("in-app notifications", () => {
  it("tells the matched suppliers' members in the publication's transaction, and the buyer's members of each answer", async () => {
    const w = await needsWorld("inapp", { approvalRequired: false });
    const { owner, supplier } = await supplierWithMember("inapp", { categories: ["textile-couture"] });
    const declining = await supplierWithMember("inapp-non", { categories: ["textile-couture"] });
    const need = await publish(w, "textile-couture", new Date("2027-05-01T09:00:00Z"), { title: "Tenues de travail" });
    const [mine] = await listNotifications(owner.id);
    expect(mine).toMatchObject({ kind: "need.matched", title: "Un besoin pour vous : Tenues de travail", link: `/fournisseur/besoins/${need.id}`, readAt: null });
    expect(mine!.body).toContain(`Acheteur inapp`);
    expect(await unreadCount(owner.id)).toBe(1);

    await answerInterested({
      supplierId: supplier.id,
      supplierOrgId: supplier.organisationId,
      actorId: owner.id,
      needId: need.id,
      message: "Nous confectionnons déjà des tenues pour un bailleur.",
      answers: [],
      quoteAmountCents: 1_250_000,
      now: new Date("2027-05-02T09:00:00Z"),
    });
    await declineNeed({ supplierId: declining.supplier.id, needId: need.id, reason: "Carnet de commandes plein", now: new Date("2027-05-02T10:00:00Z") });
    const buyerSide = await listNotifications(w.buyerUser.id);
    expect(buyerSide.map((n) => n.title)).toEqual(["Réponse négative : Tenues de travail", "Nouvelle réponse : Tenues de travail"]);
    expect(buyerSide[1]!.body).toContain("Fournisseur inapp est intéressé");
    expect(buyerSide[1]!.body).toMatch(/12\s500(,00)?\s€/);
    expect(buyerSide[0]!.body).toContain("Carnet de commandes plein");
    expect(buyerSide.every((n) => n.link === `/acheteur/besoins/${need.id}`)).toBe(true);
  });

  it("rolls back with the change that caused it", async () => {
    const w = await needsWorld("inapp-rollback");
    await db
      .transaction(async (tx) => {
        await notifyUsers(tx, [w.buyerUser.id], { kind: "test", title: "Jamais vue" });
        throw new Error("annulé");
      })
      .catch(() => undefined);
    expect(await listNotifications(w.buyerUser.id)).toEqual([]);
  });

  it("marks one or all read, only the user's own, and keeps links inside the app", async () => {
    const w = await needsWorld("inapp-read");
    const me = w.buyerUser.id;
    const other = w.animator.id;
    await notifyUsers(db, [me, me, other], { kind: "test", title: "Première", link: "https://ailleurs.example.com/" });
    await notifyUsers(db, [me], { kind: "test", title: "Seconde", link: "/acheteur/besoins" });
    const [second, first] = await listNotifications(me);
    expect([first!.title, first!.link, second!.title, second!.link]).toEqual(["Première", null, "Seconde", "/acheteur/besoins"]);
    const [othersOwn] = await listNotifications(other);
    expect(await markRead({ userId: me, id: othersOwn!.id })).toBe(false);
    expect(await unreadCount(other)).toBe(1);
    expect(await markRead({ userId: me, id: first!.id, now: new Date("2027-01-01T00:00:00Z") })).toBe(true);
    expect(await unreadCount(me)).toBe(1);
    expect(await markAllRead({ userId: me })).toBe(1);
    expect(await unreadCount(me)).toBe(0);
    const [, firstAgain] = await listNotifications(me);
    expect(firstAgain!.readAt?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  });
});

describe("response deadline", () => {
  it("closes published needs past their deadline, by the system, and asks the buyer for the outcome", async () => {
    const w = await needsWorld("echeance", { approvalRequired: false });
    await supplierWithMember("echeance", { categories: ["demenagement"] });
    const due = await publish(w, "demenagement", new Date("2027-06-01T09:00:00Z"), { title: "Déménagement du siège", responseDeadline: "2027-06-15" });
    const lastDay = await publish(w, "demenagement", new Date("2027-06-01T09:00:00Z"), { title: "Déménagement d'agence", responseDeadline: "2027-06-16" });
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { categories: ["demenagement"], responseDeadline: "2027-06-01" }) });

    const now = new Date("2027-06-16T08:00:00Z");
    const closed = await closeExpiredNeeds(now);
    expect(closed).toContain(due.id);
    expect(closed).not.toContain(lastDay.id);
    expect(closed).not.toContain(draft.id);
    const [row] = await db.select().from(needs).where(eq(needs.id, due.id));
    expect(row).toMatchObject({ status: "closed", closedAt: now });
    const events = await db.select().from(needEvents).where(and(eq(needEvents.needId, due.id), eq(needEvents.action, EXPIRED_ACTION)));
    expect(events).toEqual([expect.objectContaining({ actorId: null, fromStatus: "published", toStatus: "closed", createdAt: now })]);
    const [mail] = await db.select().from(mails).where(and(eq(mails.to, w.buyerUser.email), eq(mails.kind, "need.deadline")));
    expect(mail!.subject).toBe("Besoin clos, indiquez l'issue : Déménagement du siège");
    expect(mail!.text).toContain(`/acheteur/besoins/${due.id}`);
    const [told] = await listNotifications(w.buyerUser.id);
    expect(told).toMatchObject({ kind: "need.deadline", title: "Besoin clos : Déménagement du siège", link: `/acheteur/besoins/${due.id}` });

    // Nothing twice; the buyer then records the outcome.
    expect(await closeExpiredNeeds(now)).not.toContain(due.id);
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, w.buyerUser.id), eq(notifications.kind, "need.deadline")))).toHaveLength(1);
    const awarded = await changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: due.id, action: "award", outcome: "not_awarded" });
    expect(awarded.status).toBe("not_awarded");
  });
});

describe("club membership to publish", () => {
  async function paidClub(tag: string) {
    const w = await needsWorld(tag, { approvalRequired: false });
    await db.insert(clubBillingSettings).values({ clubId: w.club.id, membershipPriceCents: 50_000, membershipRequiredForNeeds: true });
    return w;
  }

  it("refuses submission with the billing module's message when the club requires a membership the buyer lacks", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
    const w = await paidClub("adhesion");
    const refused = await refusal(publish(w, "blanchisserie", new Date("2027-07-01T09:00:00Z"), { title: "Linge des foyers" }));
    expect(refused.status).toBe(403);
    expect(refused.message).toContain(`Pour publier un besoin dans le club « Club adhesion », votre entreprise doit être adhérente.`);
    // Nothing written: not even the draft of that submission.
    expect(await db.select().from(needs).where(eq(needs.buyerOrganisationId, w.buyer.id))).toEqual([]);
    // A draft can still be saved, not submitted.
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { categories: ["blanchisserie"] }) });
    expect(draft.status).toBe("draft");
    expect((await refusal(submitNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: draft.id }))).status).toBe(403);
  });

  it("lets a member publish, and a lapsed membership hides nothing already posted", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_dummy");
    const w = await paidClub("adhesion-ok");
    await db.insert(buyerMemberships).values({ clubId: w.club.id, buyerOrgId: w.buyer.id, status: "active", activeUntil: new Date("2027-12-31T00:00:00Z") });
    const need = await publish(w, "blanchisserie", new Date("2027-07-01T09:00:00Z"));
    expect(need.status).toBe("published");
    await db.update(buyerMemberships).set({ status: "cancelled", activeUntil: new Date("2027-07-02T00:00:00Z") }).where(eq(buyerMemberships.buyerOrgId, w.buyer.id));
    const later = new Date("2027-08-01T09:00:00Z");
    expect((await refusal(publish(w, "blanchisserie", later))).status).toBe(403);
    const [still] = await db.select().from(needs).where(eq(needs.id, need.id));
    expect(still!.status).toBe("published");
    expect(await closeExpiredNeeds(later)).not.toContain(need.id);
  });

  it("blocks nothing without Stripe configured", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    const w = await paidClub("adhesion-gratuit");
    expect((await publish(w, "blanchisserie", new Date("2027-07-01T09:00:00Z"))).status).toBe("published");
  });
});
