import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, needAnswers, needSuppliers } from "../../../db/schema";
import { answerInterested, declineNeed, needForSupplier, selectSupplier, setShortlisted, suppliersOfNeed } from "./answers.server";
import { needSuppliersCsv } from "./csv.server";
import { changeNeedStatus, needFile, saveNeed } from "./needs.server";
import { AnswerSchema } from "./schemas";
import { needForm, needsWorld, supplierWithMember } from "./test-fixtures";
import { DomainError } from "~/lib/errors";

const pdf = new TextEncoder().encode("%PDF-1.7\n% devis\n");

async function publishedNeed(tag: string) {
  const w = await needsWorld(tag, { approvalRequired: false });
  const matched = await supplierWithMember(`${tag}-matched`, { qpvStatus: "verified", qpvCode: "QN09318M" });
  const need = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit" }) });
  return { w, matched, need };
}

describe("supplier answers", () => {
  it("records view, interest with answers and quote, and tells the buyer", async () => {
    const { w, matched, need } = await publishedNeed("answer");
    const seen = await needForSupplier({ supplierId: matched.supplier.id, needId: need.id });
    expect(seen.open).toBe(true);
    expect(seen.questions.map((q) => q.text)).toEqual(["Combien de salariés en insertion ?", "Quelle disponibilité ?"]);
    const base = { supplierId: matched.supplier.id, supplierOrgId: matched.supplier.organisationId, actorId: matched.owner.id, needId: need.id, message: "Nous pouvons démarrer en septembre." };
    await expect(answerInterested({ ...base, answers: ["4 salariés"], quoteAmountCents: null })).rejects.toThrow("Répondez à chaque question de l'acheteur.");
    await expect(answerInterested({ ...base, answers: ["4", "Dès septembre"], quoteAmountCents: null, quote: { bytes: new TextEncoder().encode("GIF89a"), filename: "devis.gif" } })).rejects.toThrow(
      "Le document doit être un fichier PDF.",
    );
    const answer = await answerInterested({ ...base, answers: ["4 salariés", "Dès septembre"], quoteAmountCents: 4_500_000, quote: { bytes: pdf, filename: "devis.pdf" } });
    expect(answer.answers.map((a) => a.answer)).toEqual(["4 salariés", "Dès septembre"]);
    const [row] = await db.select().from(needSuppliers).where(and(eq(needSuppliers.needId, need.id), eq(needSuppliers.supplierId, matched.supplier.id)));
    expect(row!.viewedAt).not.toBeNull();
    expect(row!.interestedAt).not.toBeNull();
    const [buyerMail] = await db.select().from(mails).where(and(eq(mails.to, w.buyerUser.email), eq(mails.kind, "need.answered")));
    expect(buyerMail!.text).toMatch(/Devis : 45\s000\s€/);
    // The quote is the buyer's to download, not the public's.
    expect(await needFile(need.id, answer.quoteUploadId!, { includeQuotes: true })).toBeDefined();
    expect(await needFile(need.id, answer.quoteUploadId!, { includeQuotes: false })).toBeUndefined();
  });

  it("lets an unmatched supplier answer a published need, and a supplier decline with a reason", async () => {
    const { w, matched, need } = await publishedNeed("found");
    const far = await supplierWithMember("found-far", { categories: ["evenementiel"], communeInsee: "69123", lat: 45.758, lon: 4.835 });
    await answerInterested({ supplierId: far.supplier.id, supplierOrgId: far.supplier.organisationId, actorId: far.owner.id, needId: need.id, message: "Nous avons une équipe en Île-de-France.", answers: ["2", "Oui"], quoteAmountCents: null });
    await declineNeed({ supplierId: matched.supplier.id, needId: need.id, reason: "Pas disponible avant 2028" });
    const rows = await suppliersOfNeed(w.buyer.id, need.id);
    const found = rows.find((r) => r.row.supplierId === far.supplier.id)!;
    expect(found.row).toMatchObject({ matched: false, score: null });
    expect(found.answer?.message).toBe("Nous avons une équipe en Île-de-France.");
    const declined = rows.find((r) => r.row.supplierId === matched.supplier.id)!;
    expect(declined.row.declineReason).toBe("Pas disponible avant 2028");
    expect(declined.row.interestedAt).toBeNull();
  });

  it("refuses answers once the need is closed, and hides unpublished needs", async () => {
    const { w, matched, need } = await publishedNeed("closed");
    await changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "close" });
    await expect(declineNeed({ supplierId: matched.supplier.id, needId: need.id, reason: "Trop tard" })).rejects.toThrow("Ce besoin n'accepte plus de réponses.");
    // Notified before, so it can still read it (closed, not open).
    expect((await needForSupplier({ supplierId: matched.supplier.id, needId: need.id })).open).toBe(false);
    const stranger = await supplierWithMember("closed-stranger");
    const draft = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id) });
    const error = await needForSupplier({ supplierId: stranger.supplier.id, needId: draft.id }).catch((e: DomainError) => e);
    expect((error as DomainError).status).toBe(404);
  });

  it("validates the answer form in French", () => {
    const interested = AnswerSchema.safeParse({ intent: "interested", message: "court" });
    expect(interested.error!.issues.map((i) => i.message)).toEqual(["Présentez votre proposition en 10 caractères au moins."]);
    const amount = AnswerSchema.safeParse({ intent: "interested", message: "Nous sommes disponibles.", quoteAmount: "beaucoup" });
    expect(amount.error!.issues.map((i) => i.message)).toEqual(["Montant du devis invalide (ex. 12 500)."]);
    const declined = AnswerSchema.safeParse({ intent: "declined" });
    expect(declined.error!.issues.map((i) => i.message)).toEqual(["Indiquez le motif de votre refus."]);
    expect(AnswerSchema.parse({ intent: "interested", message: "Nous sommes disponibles.", quoteAmount: "12 500,50" }).quoteAmount).toBe(1_250_050);
  });
});

describe("buyer follow-up", () => {
  it("shortlists and selects interested suppliers only, and exports the CSV", async () => {
    const { w, matched, need } = await publishedNeed("select");
    const other = await needsWorld("select-other");
    await expect(setShortlisted({ buyerOrgId: other.buyer.id, needId: need.id, supplierId: matched.supplier.id, on: true })).rejects.toThrow(/introuvable/);
    await expect(selectSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: matched.supplier.id, amountCents: 100 })).rejects.toThrow("Seul un fournisseur intéressé peut être retenu.");
    await answerInterested({ supplierId: matched.supplier.id, supplierOrgId: matched.supplier.organisationId, actorId: matched.owner.id, needId: need.id, message: "=HYPERLINK(\"x\") Intéressés !", answers: ["3", "Oui"], quoteAmountCents: 4_000_000 });
    await setShortlisted({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: matched.supplier.id, on: true });
    await selectSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: matched.supplier.id, amountCents: 3_950_000 });
    const [row] = await db.select().from(needSuppliers).where(and(eq(needSuppliers.needId, need.id), eq(needSuppliers.supplierId, matched.supplier.id)));
    expect(row).toMatchObject({ selectedAmountCents: 3_950_000 });
    expect(row!.shortlistedAt).not.toBeNull();
    const csv = await needSuppliersCsv(w.buyer.id, need.id);
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Fournisseur;SIRET;Score;Raisons;Prévenu le;Vu le;Intéressé le;Pas intéressé le;Motif;Présélectionné le;Retenu le;Montant retenu (€);Message;Réponses aux questions;Devis (€)");
    expect(lines[1]).toContain("39500,00");
    expect(lines[1]).toContain("'=HYPERLINK");
    await expect(needSuppliersCsv(other.buyer.id, need.id)).rejects.toThrow(/introuvable/);
    expect(await db.select().from(needAnswers).where(eq(needAnswers.needId, need.id))).toHaveLength(1);
  });
});
