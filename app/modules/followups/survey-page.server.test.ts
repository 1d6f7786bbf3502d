import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails } from "../../../db/schema";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { montreuil, needsWorld } from "../needs/test-fixtures";
import { getOpportunity, recordContact } from "../opportunities/opportunities.server";
import { scheduleSurveys, sendDueSurveys } from "./surveys.server";
import { action, loader } from "~/routes/suivi.$token";

type Answer = { status: number; body: Record<string, unknown> };

async function call(fn: typeof loader | typeof action, token: string, form?: Record<string, string>): Promise<Answer> {
  const init: RequestInit = form ? { method: "POST", body: new URLSearchParams(form) } : {};
  const result = (await fn({ request: new Request(`http://localhost:3000/suivi/${token}`, init), params: { token }, context: {} })) as unknown as {
    data: Record<string, unknown>;
    init: { status?: number } | null;
  };
  return { status: result.init?.status ?? 200, body: result.data };
}

/** A contact a month ago whose 30-day survey was just mailed; the link's token. */
async function surveyLink(tag: string) {
  const w = await needsWorld(tag, { approvalRequired: false });
  const supplier = await createSupplierRow(db, { ...montreuil, name: `Fournisseur ${tag}`, email: `contact-${tag}@example.org` });
  const at = new Date(Date.now() - 30 * 24 * 3600_000 - 60_000);
  const opportunityId = await db.transaction(async (tx) => (await recordContact(tx, { buyerOrganisationId: w.buyer.id, supplierId: supplier.id, origin: "directory", clubId: w.club.id, at })).opportunityId);
  await scheduleSurveys({ opportunityId, touchpoint: "meeting_held", at });
  await sendDueSurveys(new Date());
  const [mail] = await db.select().from(mails).where(and(eq(mails.to, `contact-${tag}@example.org`), eq(mails.kind, "followup.survey"))).orderBy(desc(mails.id)).limit(1);
  return { opportunityId, token: /\/suivi\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]! };
}

describe("/suivi/<token>", () => {
  it("shows the question, refuses bad input with French messages, records one answer, then says it was used (410)", async () => {
    const { opportunityId, token } = await surveyLink("page-yes");
    const page = await call(loader, token);
    expect(page.status).toBe(200);
    expect(page.body.view).toMatchObject({ state: "open", side: "supplier", offsetDays: 30 });

    const noAmount = await call(action, token, { answer: "yes", amount: "" });
    expect(noAmount.status).toBe(400);
    expect(JSON.stringify(noAmount.body.result)).toContain("Indiquez le montant de l'affaire, en euros HT.");
    const badAmount = await call(action, token, { answer: "yes", amount: "douze" });
    expect(JSON.stringify(badAmount.body.result)).toContain("Montant invalide (ex. 12 500).");
    const noReason = await call(action, token, { answer: "no" });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.result)).toContain("Choisissez la raison.");
    expect((await getOpportunity({ kind: "admin" }, opportunityId))!.stage).toBe("contact");

    const done = await call(action, token, { answer: "yes", amount: "12 500,50" });
    expect(done).toMatchObject({ status: 200, body: { done: "won" } });
    expect(await getOpportunity({ kind: "admin" }, opportunityId)).toMatchObject({ stage: "won", contractAmountCents: 1_250_050 });

    const again = await call(action, token, { answer: "no", reason: "price" });
    expect(again.status).toBe(410);
    expect(again.body.message).toContain("Vous avez déjà répondu à cette enquête");
    expect((await call(loader, token)).status).toBe(410);
    expect((await getOpportunity({ kind: "admin" }, opportunityId))!.stage).toBe("won");
  });

  it("answers 404 in French for an unknown link", async () => {
    const unknown = await call(loader, "lien-inconnu-0123456789abcdef");
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe("Ce lien d'enquête n'existe pas ou a expiré (il est valable 60 jours).");
    expect((await call(action, "lien-inconnu-0123456789abcdef", { answer: "not_yet" })).status).toBe(404);
  });
});
