import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, needEvents, needQuestions, needs, needSuppliers } from "../../../db/schema";
import { addNeedAttachment, assertCanPublish, changeNeedStatus, decideNeed, getNeedForBuyer, listNeedsForBuyer, needFile, needsAwaitingApproval, saveNeed, submitNeed, updateClubNeedSettings, getClubNeedSettings } from "./needs.server";
import { NeedFormSchema } from "./schemas";
import { needForm, needsWorld, supplierWithMember } from "./test-fixtures";
import { DomainError } from "~/lib/errors";

const pdf = new TextEncoder().encode("%PDF-1.4\n% besoin\n");

describe("need drafts", () => {
  it("saves a partial draft, resumes it and replaces its questions", async () => {
    const w = await needsWorld("drafts");
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: NeedFormSchema.parse({ clubId: w.club.id, title: "Traiteur pour un séminaire" }) });
    expect(draft.status).toBe("draft");
    expect(draft.communeInsee).toBeNull();
    const resumed = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: draft.id, form: needForm(w.club.id, { questions: ["Une seule question ?"] }) });
    expect(resumed.communeInsee).toBe("93048");
    expect(resumed.amountCents).toBe(4_800_000);
    expect(resumed.textQuery).toContain("nettoyage");
    expect((await db.select().from(needQuestions).where(eq(needQuestions.needId, draft.id))).map((q) => q.text)).toEqual(["Une seule question ?"]);
    const listed = await listNeedsForBuyer(w.buyer.id);
    expect(listed.map((n) => n.id)).toEqual([draft.id]);
  });

  it("validates the form in French, stricter on submission", () => {
    const draft = NeedFormSchema.safeParse({ clubId: "x", title: "Ab", amount: "douze", responseDeadline: "31/12/2099", departments: "9", perimeterKind: "departments" });
    expect(draft.success).toBe(false);
    const messages = draft.error!.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining(["Choisissez le club où publier le besoin.", "Le titre doit faire au moins 5 caractères.", "Montant invalide (ex. 12 500).", "Date limite invalide.", "Départements invalides (ex. 93, 75, 2A)."]),
    );
    const submit = NeedFormSchema.safeParse({ intent: "submit", clubId: "00000000-0000-4000-8000-000000000000", title: "", questions: ["1", "2", "3", "4", "5", "6"] });
    const submitMessages = submit.error!.issues.map((i) => i.message);
    expect(submitMessages).toEqual(
      expect.arrayContaining([
        "Le titre doit faire au moins 5 caractères.",
        "Décrivez le besoin en 30 caractères au moins.",
        "Choisissez au moins une catégorie.",
        "Indiquez la commune où la prestation a lieu.",
        "Choisissez une tranche de budget.",
        "Indiquez la date limite de réponse.",
        "Choisissez la démarche RSE.",
        "5 questions au plus.",
      ]),
    );
  });

  it("refuses an unknown commune and another organisation's need, writing nothing", async () => {
    const w = await needsWorld("scope");
    const other = await needsWorld("scope-other");
    await expect(saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { commune: "Atlantide (99999)" }) })).rejects.toThrow(/Commune introuvable/);
    const mine = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id) });
    const error = await getNeedForBuyer(other.buyer.id, mine.id).catch((e: DomainError) => e);
    expect((error as DomainError).status).toBe(404);
    await expect(saveNeed({ buyerOrgId: other.buyer.id, actorId: other.buyerUser.id, needId: mine.id, form: needForm(w.club.id, { title: "Piratage" }) })).rejects.toThrow(/introuvable/);
    await expect(submitNeed({ buyerOrgId: other.buyer.id, actorId: other.buyerUser.id, needId: mine.id })).rejects.toThrow(/introuvable/);
    const [row] = await db.select().from(needs).where(eq(needs.id, mine.id));
    expect(row!.title).toBe("Nettoyage des parties communes");
  });

  it("keeps PDF attachments checked by content, five at most, on drafts only", async () => {
    const w = await needsWorld("pdf");
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id) });
    const uploadId = await addNeedAttachment({ buyerOrgId: w.buyer.id, needId: draft.id, bytes: pdf, filename: "cahier-des-charges.pdf" });
    await expect(addNeedAttachment({ buyerOrgId: w.buyer.id, needId: draft.id, bytes: new TextEncoder().encode("<svg/>"), filename: "x.pdf" })).rejects.toThrow("Le document doit être un fichier PDF.");
    const big = new Uint8Array(5 * 1_048_576 + 1);
    big.set(pdf);
    await expect(addNeedAttachment({ buyerOrgId: w.buyer.id, needId: draft.id, bytes: big, filename: "gros.pdf" })).rejects.toThrow("Le fichier dépasse 5 Mo.");
    for (let i = 0; i < 4; i++) await addNeedAttachment({ buyerOrgId: w.buyer.id, needId: draft.id, bytes: pdf, filename: `annexe-${i}.pdf` });
    await expect(addNeedAttachment({ buyerOrgId: w.buyer.id, needId: draft.id, bytes: pdf, filename: "sixieme.pdf" })).rejects.toThrow("5 pièces jointes au plus.");
    expect((await getNeedForBuyer(w.buyer.id, draft.id)).attachments).toHaveLength(5);
    expect((await needFile(draft.id, uploadId, { includeQuotes: false }))?.filename).toBe("cahier-des-charges.pdf");
    expect(await needFile(draft.id, "00000000-0000-4000-8000-000000000000", { includeQuotes: false })).toBeUndefined();
  });
});

describe("need life cycle", () => {
  it("goes through the club's approval: changes asked, resubmitted, approved, published and matched", async () => {
    const w = await needsWorld("approval");
    const { supplier, owner } = await supplierWithMember("approval", { qpvStatus: "verified", qpvCode: "QN09318M" });
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit" }) });
    expect(draft.status).toBe("submitted");
    expect((await needsAwaitingApproval(w.club.id)).map((n) => n.need.id)).toEqual([draft.id]);
    expect(await db.select().from(mails).where(and(eq(mails.to, w.animator.email), eq(mails.kind, "need.submitted")))).toHaveLength(1);

    await expect(decideNeed({ clubId: w.club.id, actorId: w.animator.id, needId: draft.id, decision: "changes", message: null })).resolves.toMatchObject({ status: "draft" });
    const author = await db.select().from(mails).where(and(eq(mails.to, w.buyerUser.email), eq(mails.kind, "need.moderated")));
    expect(author).toHaveLength(1);

    await submitNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: draft.id });
    const other = await needsWorld("approval-other");
    await expect(decideNeed({ clubId: other.club.id, actorId: other.animator.id, needId: draft.id, decision: "approve", message: null })).rejects.toThrow(/introuvable/);
    const published = await decideNeed({ clubId: w.club.id, actorId: w.animator.id, needId: draft.id, decision: "approve", message: null });
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    await expect(decideNeed({ clubId: w.club.id, actorId: w.animator.id, needId: draft.id, decision: "reject", message: "Trop tard" })).rejects.toThrow(/changé d'état/);

    const [matched] = await db.select().from(needSuppliers).where(eq(needSuppliers.needId, draft.id));
    expect(matched).toMatchObject({ supplierId: supplier.id, matched: true });
    expect(matched!.score).toBeGreaterThanOrEqual(50);
    expect(matched!.reasons).toContain("Catégorie : Nettoyage et propreté");
    const [mail] = await db.select().from(mails).where(eq(mails.to, owner.email));
    expect(mail!.text).toContain(`/fournisseur/besoins/${draft.id}`);
    expect(mail!.text).toContain("/desabonnement/");

    const history = (await getNeedForBuyer(w.buyer.id, draft.id)).events.map((e) => `${e.action}:${e.fromStatus ?? "-"}→${e.toStatus}`);
    expect(history).toEqual(["created:-→draft", "submitted:draft→submitted", "changes_requested:submitted→draft", "submitted:draft→submitted", "approved:submitted→submitted", "published:submitted→published"]);
  });

  it("publishes at once when the club does not moderate, and records rejection with its message", async () => {
    const open = await needsWorld("open", { approvalRequired: false });
    const direct = await saveNeed({ buyerOrgId: open.buyer.id, actorId: open.buyerUser.id, form: needForm(open.club.id, { intent: "submit" }) });
    expect(direct.status).toBe("published");

    const moderated = await needsWorld("reject");
    const need = await saveNeed({ buyerOrgId: moderated.buyer.id, actorId: moderated.buyerUser.id, form: needForm(moderated.club.id, { intent: "submit" }) });
    await decideNeed({ clubId: moderated.club.id, actorId: moderated.animator.id, needId: need.id, decision: "reject", message: "Hors du territoire du club" });
    const [event] = await db.select().from(needEvents).where(and(eq(needEvents.needId, need.id), eq(needEvents.action, "rejected")));
    expect(event).toMatchObject({ fromStatus: "submitted", toStatus: "rejected", message: "Hors du territoire du club", actorId: moderated.animator.id });
  });

  it("closes, awards or cancels only from the right states", async () => {
    const w = await needsWorld("end", { approvalRequired: false });
    const need = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit" }) });
    await expect(changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "close" })).resolves.toMatchObject({ status: "closed" });
    await expect(changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "close" })).rejects.toThrow(/changé d'état/);
    await expect(changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "award", outcome: "not_awarded" })).resolves.toMatchObject({ status: "not_awarded" });
    await expect(changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "cancel" })).rejects.toThrow(/changé d'état/);
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id) });
    await expect(changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: draft.id, action: "cancel", message: "Budget annulé" })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("refuses to submit an incomplete draft and keeps club settings editable", async () => {
    const w = await needsWorld("settings");
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: NeedFormSchema.parse({ clubId: w.club.id, title: "Brouillon vide" }) });
    await expect(submitNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: draft.id })).rejects.toThrow("Décrivez le besoin en 30 caractères au moins.");
    await updateClubNeedSettings({ clubId: w.club.id, actorId: w.animator.id, approvalRequired: false, notifyBatchSize: 5 });
    expect(await getClubNeedSettings(w.club.id)).toEqual({ approvalRequired: false, notifyBatchSize: 5 });
    await expect(assertCanPublish(w.club.id, w.buyer.id)).resolves.toBeUndefined();
  });
});
