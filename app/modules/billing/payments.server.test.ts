import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { organisations, payments } from "../../../db/schema";
import { listAllPayments, listClubPayments, paymentsCsv, paymentTotals } from "./payments.server";
import { billingWorld } from "./test-fixtures";

describe("payments per club", () => {
  it("lists only the club's payments, sums them, and exports them for a French spreadsheet", async () => {
    const w = await billingWorld();
    const other = await billingWorld();
    await db.update(organisations).set({ name: "=HYPERLINK(\"x\")" }).where(eq(organisations.id, w.buyer.id));
    await db.insert(payments).values([
      { clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "membership", amountCents: 120_000, status: "paid", paidAt: new Date("2026-03-01T09:00:00Z"), invoiceId: `in_${randomUUID()}` },
      { clubId: w.club.id, buyerOrgId: w.buyer.id, purpose: "ticket", amountCents: 4_550, status: "refunded", eventId: randomUUID(), registrationId: randomUUID() },
      { clubId: other.club.id, buyerOrgId: other.buyer.id, purpose: "membership", amountCents: 50_000, status: "pending" },
    ]);
    const rows = await listClubPayments(w.club.id);
    expect(rows).toHaveLength(2);
    expect(paymentTotals(rows)).toMatchObject({ paid: 120_000, refunded: 4_550, pending: 0 });
    expect((await listAllPayments()).map((p) => p.clubId)).toEqual(expect.arrayContaining([w.club.id, other.club.id]));

    const csv = paymentsCsv(rows);
    expect(csv.startsWith("\uFEFFDate;Club;Entreprise;Objet")).toBe(true);
    expect(csv).toContain(";1200,00;EUR;payé;");
    expect(csv).toContain(";45,50;EUR;remboursé;");
    expect(csv).toContain(`;"'=HYPERLINK(""x"")";`); // a formula neutralised, then quoted
    expect(csv).not.toContain(other.club.name);
  });
});
