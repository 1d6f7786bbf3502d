import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mailUnsubscribes, mails, needSuppliers, outbox } from "../../../db/schema";
import { registerNeedsHandlers } from "./handlers.server";
import { saveNeed } from "./needs.server";
import { nextParisMorning, parisDay, readUnsubscribeToken, remindSupplier, sendNeedDigest, unsubscribe, unsubscribeToken } from "./notifications.server";
import { needForm, needsWorld, supplierWithMember } from "./test-fixtures";

const publish = async (w: Awaited<ReturnType<typeof needsWorld>>, title: string, now: Date) =>
  saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit", title }), now });

const mailsTo = (email: string) => db.select().from(mails).where(eq(mails.to, email)).orderBy(asc(mails.id));

describe("Paris days", () => {
  it.each([
    ["2027-01-15T22:30:00Z", "2027-01-15", "2027-01-16T06:00:00.000Z"],
    ["2027-01-15T23:30:00Z", "2027-01-16", "2027-01-17T06:00:00.000Z"],
    ["2027-07-01T21:59:00Z", "2027-07-01", "2027-07-02T05:00:00.000Z"],
  ])("%s is %s in Paris; its digest goes at %s", (instant, day, morning) => {
    expect(parisDay(new Date(instant))).toBe(day);
    expect(nextParisMorning(day).toISOString()).toBe(morning);
  });
});

describe("notifying matched suppliers", () => {
  it("notifies the best suppliers above the threshold, at most the club's batch size", async () => {
    const w = await needsWorld("batch", { approvalRequired: false, notifyBatchSize: 1 });
    const best = await supplierWithMember("batch-best", { qpvStatus: "verified", qpvCode: "QN09318M" });
    const second = await supplierWithMember("batch-second");
    const unrelated = await supplierWithMember("batch-traiteur", { categories: ["restauration-traiteur"] });
    const need = await publish(w, "Nettoyage des halls", new Date("2027-03-10T09:00:00Z"));
    const rows = await db.select().from(needSuppliers).where(eq(needSuppliers.needId, need.id));
    expect(rows.map((r) => r.supplierId)).toEqual([best.supplier.id]);
    expect(await mailsTo(best.owner.email)).toHaveLength(1);
    expect(await mailsTo(second.owner.email)).toHaveLength(0);
    expect(await mailsTo(unrelated.owner.email)).toHaveLength(0);
  });

  it("mails the first need of the day at once and groups the others in the next morning's digest", async () => {
    const w = await needsWorld("digest", { approvalRequired: false });
    const { owner, supplier } = await supplierWithMember("digest");
    const morning = new Date("2027-03-11T08:00:00Z");
    const first = await publish(w, "Nettoyage du siège", morning);
    const firstMails = await mailsTo(owner.email);
    expect(firstMails).toHaveLength(1);
    expect(firstMails[0]!.subject).toBe("Un besoin pour vous : Nettoyage du siège");
    expect(firstMails[0]!.text).toContain(`/fournisseur/besoins/${first.id}`);

    const second = await publish(w, "Nettoyage des vitres", new Date("2027-03-11T10:00:00Z"));
    const third = await publish(w, "Nettoyage des parkings", new Date("2027-03-11T15:00:00Z"));
    expect(await mailsTo(owner.email)).toHaveLength(1);
    const jobs = (await db.select().from(outbox).where(eq(outbox.kind, "needs.digest"))).filter((j) => (j.payload as { supplierId: string }).supplierId === supplier.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.payload).toEqual({ supplierId: supplier.id, day: "2027-03-11" });
    expect(jobs[0]!.runAfter.toISOString()).toBe("2027-03-12T06:00:00.000Z");

    // What the outbox handler does the next morning.
    await db.transaction((tx) => sendNeedDigest(tx, { supplierId: supplier.id, day: "2027-03-11", now: new Date("2027-03-12T06:00:00Z") }));
    const all = await mailsTo(owner.email);
    expect(all).toHaveLength(2);
    expect(all[1]!.subject).toBe("2 besoins pour vous sur Proxima");
    expect(all[1]!.text).toContain(`/fournisseur/besoins/${second.id}`);
    expect(all[1]!.text).toContain(`/fournisseur/besoins/${third.id}`);
    // Sent once: a second run finds nothing left.
    expect(await db.transaction((tx) => sendNeedDigest(tx, { supplierId: supplier.id, day: "2027-03-11" }))).toBe(0);
    expect(registerNeedsHandlers).toBeTypeOf("function");
  });

  it("respects unsubscriptions, and refuses a tampered token", async () => {
    const w = await needsWorld("unsub", { approvalRequired: false });
    const { owner, supplier } = await supplierWithMember("unsub");
    const token = unsubscribeToken(owner.email);
    expect(readUnsubscribeToken(token)).toEqual({ email: owner.email, kind: "needs" });
    expect(readUnsubscribeToken(`${token.slice(0, -2)}xx`)).toBeNull();
    await expect(unsubscribe("nimporte.quoi")).rejects.toThrow("Ce lien de désabonnement n'est pas valable.");
    await unsubscribe(token);
    await unsubscribe(token);
    expect(await db.select().from(mailUnsubscribes).where(eq(mailUnsubscribes.email, owner.email))).toHaveLength(1);
    const need = await publish(w, "Nettoyage après travaux", new Date("2027-03-13T09:00:00Z"));
    expect(await mailsTo(owner.email)).toHaveLength(0);
    // Still notified in the app: the need is in its feed.
    const [row] = await db.select().from(needSuppliers).where(and(eq(needSuppliers.needId, need.id), eq(needSuppliers.supplierId, supplier.id)));
    expect(row!.notifiedAt).not.toBeNull();
  });

  it("lets the buyer remind a supplier twice at most", async () => {
    const w = await needsWorld("remind", { approvalRequired: false });
    const { owner, supplier } = await supplierWithMember("remind");
    const need = await publish(w, "Nettoyage des bureaux", new Date("2027-03-14T09:00:00Z"));
    const other = await needsWorld("remind-other");
    await expect(remindSupplier({ buyerOrgId: other.buyer.id, needId: need.id, supplierId: supplier.id })).rejects.toThrow(/introuvable/);
    expect(await remindSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: supplier.id })).toBe(1);
    expect(await remindSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: supplier.id })).toBe(2);
    await expect(remindSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: supplier.id })).rejects.toThrow("Vous avez déjà relancé ce fournisseur 2 fois.");
    const reminders = (await mailsTo(owner.email)).filter((m) => m.kind === "need.reminder");
    expect(reminders).toHaveLength(2);
    expect(reminders[0]!.text).toContain("/desabonnement/");
  });
});
