import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../connection";
import { organisations } from "../schema";
import { buyerCsrReport } from "../../app/modules/observatory/csr.server";
import { computeFigures } from "../../app/modules/observatory/figures.server";
import { defaultPeriod } from "../../app/modules/observatory/periods";
import { seedDemo } from "./demo";

describe("demo observatory data", () => {
  it("gives the demo buyer a CSR report and the club's observatory contracts over the default period", async () => {
    const demo = await seedDemo(db);
    const period = defaultPeriod(new Date());
    const [buyer] = await db.select().from(organisations).where(eq(organisations.slug, "habitat-francilien-solidaire"));
    const report = await buyerCsrReport({ organisationId: buyer!.id, period });
    expect(report.totals).toMatchObject({ contracts: 5, amountCents: 11_260_000, qpvContracts: 3, qpvAmountCents: 7_010_000, qpvSuppliers: 3, declaredContracts: 2 });
    const club = await computeFigures({ scope: { kind: "club", clubId: demo.clubId }, period });
    // 4 contracts from the observatory's demo contacts, 1 from the past demo event's seed.
    expect(club.contracts.won.value).toBe(5);
    expect(club.suppliers.total.value).toBe(30);
    expect(Object.fromEntries(club.opportunities.byStage.map((s) => [s.stage, s.count.value]))).toMatchObject({ won: 5, quote_sent: 2, contact: 1, lost: 2, meeting_held: 1 });
  });
});
