import { beforeAll, describe, expect, it } from "vitest";
import { buyerCsrReport } from "./csr.server";
import { figuresCsv } from "./csv";
import { computeFigures, type Figures } from "./figures.server";
import { observatoryWorld, period } from "./test-fixtures";

let world: Awaited<ReturnType<typeof observatoryWorld>>;
let club: Figures;

beforeAll(async () => {
  world = await observatoryWorld();
  club = await computeFigures({ scope: { kind: "club", clubId: world.club.id }, period });
});

const v = (cell: { value: number }) => cell.value;

describe("observatory figures of a club on the fixed fixture", () => {
  it("counts the suppliers sourced and verified, by category and by QPV", () => {
    expect([v(club.suppliers.total), v(club.suppliers.verified), v(club.suppliers.new)]).toEqual([6, 4, 4]);
    expect(club.suppliers.byCategory.map((c) => [c.category, c.total.value, c.verified.value])).toEqual([
      ["nettoyage", 4, 2],
      ["espaces-verts", 2, 2],
      ["restauration-traiteur", 1, 1],
    ]);
    expect(club.suppliers.byQpv.map((q) => [q.qpvCode, q.verified.value, q.notVerified.value, q.total.value])).toEqual([
      ["QN09318M", 3, 1, 4],
      ["QN09309M", 1, 0, 1],
      [null, 0, 1, 1],
    ]);
    expect(club.suppliers.byQpv[0]!.label).toBe("Bel Air - Grands Pêchers - Ruffins - Le Morillon (QN09318M)");
  });

  it("counts the needs posted and answered, with the match and answer rates", () => {
    const n = club.needs;
    expect([n.posted, n.matched, n.answered]).toEqual([
      { value: 2, companies: 2 },
      { value: 2, companies: 2 },
      { value: 2, companies: 2 },
    ]);
    expect([n.suppliersNotified, n.suppliersInterested]).toEqual([
      { value: 4, companies: 4 },
      { value: 2, companies: 2 },
    ]);
    expect([n.matchRate, n.answerRate]).toEqual([1, 0.5]);
  });

  it("counts the events held, their participants and meetings", () => {
    const e = club.events;
    expect([v(e.held), v(e.buyers), v(e.suppliers), v(e.meetingsScheduled), v(e.meetingsHeld), e.heldRate]).toEqual([1, 2, 2, 2, 1, 0.5]);
    expect(e.meetingsHeld.companies).toBe(2);
  });

  it("counts the opportunities by stage and origin, and the contracts won with their amounts", () => {
    const o = club.opportunities;
    expect(o.created).toEqual({ value: 5, companies: 2 });
    expect(Object.fromEntries(o.byStage.map((s) => [s.stage, s.count.value]))).toEqual({ contact: 0, meeting_held: 1, quote_sent: 0, won: 3, lost: 1, abandoned: 0 });
    expect(Object.fromEntries(o.byOrigin.map((s) => [s.origin, s.count.value]))).toEqual({ need: 2, event: 1, directory: 2 });
    const c = club.contracts;
    expect(c.won).toEqual({ value: 4, companies: 2 });
    expect(c.amountCents.value).toBe(2_800_000);
    expect(c.amountCents.topShare).toBeCloseTo(2_500_000 / 2_800_000);
    expect(c.wonQpv.value).toBe(3);
    expect(c.amountQpvCents.value).toBe(2_300_000);
  });

  it("spreads the same figures over the months of the period (Paris time)", () => {
    expect(club.months.map((m) => [m.month, m.suppliersNew, m.needsPosted, m.eventsHeld, m.meetingsHeld, m.opportunitiesCreated, m.contractsWon, m.amountWonCents])).toEqual([
      ["2027-01", 0, 0, 0, 0, 0, 1, 500_000],
      ["2027-02", 2, 1, 0, 0, 2, 0, 0],
      ["2027-03", 1, 1, 1, 1, 2, 1, 1_200_000],
      ["2027-04", 1, 0, 0, 0, 1, 1, 800_000],
      ["2027-05", 0, 0, 0, 0, 0, 1, 300_000],
      ["2027-06", 0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it("writes them as CSV, one figure a line", () => {
    const csv = figuresCsv("Club obs", club);
    expect(csv.startsWith("\uFEFFPérimètre,Du,Au,Rubrique,Indicateur,Détail,Valeur,Unité\r\n")).toBe(true);
    expect(csv).toContain("Club obs,2027-01-01,2027-06-30,Fournisseurs,Entreprises sourcées (fin de période),Total,6,entreprises\r\n");
    expect(csv).toContain("Contrats,Montant des contrats gagnés,Total,28000.00,€ HT\r\n");
    expect(csv).toContain("Besoins,Taux de réponse,Réponses « intéressé » / fournisseurs prévenus,50.0,%\r\n");
    expect(csv).toContain("Par mois,Contrats gagnés,2027-03,1,contrats\r\n");
  });
});

describe("observatory figures of a territory", () => {
  it("the whole platform counts every club's needs and contracts, and every supplier", async () => {
    const all = await computeFigures({ scope: { kind: "territory" }, period });
    expect(v(all.suppliers.total)).toBe(7);
    expect(v(all.needs.posted)).toBe(3);
    expect(v(all.contracts.won)).toBe(5);
    expect(all.contracts.amountCents.value).toBe(12_700_000);
  });

  it("an EPCI counts the suppliers located in it and the clubs whose QPV lie in it", async () => {
    const mgp = await computeFigures({ scope: { kind: "territory", epciSiren: "200054781" }, period });
    expect(v(mgp.suppliers.total)).toBe(6);
    expect(v(mgp.needs.posted)).toBe(2);
    expect(v(mgp.events.held)).toBe(1);
    expect(mgp.contracts.amountCents.value).toBe(2_800_000);
    // Est Ensemble (an EPT) has no commune of its own in the reference data: its clubs' QPV count.
    const estEnsemble = await computeFigures({ scope: { kind: "territory", epciSiren: "200057875" }, period });
    expect([v(estEnsemble.suppliers.total), v(estEnsemble.needs.posted)]).toEqual([5, 2]);
    const bordeaux = await computeFigures({ scope: { kind: "territory", epciSiren: "243300316" }, period });
    expect([v(bordeaux.suppliers.total), v(bordeaux.needs.posted), v(bordeaux.contracts.won)]).toEqual([1, 1, 1]);
  });

  it("a department (through its clubs' EPCI) and a QPV narrow it down", async () => {
    const gironde = await computeFigures({ scope: { kind: "territory", departmentCode: "33" }, period });
    expect([v(gironde.suppliers.total), v(gironde.needs.posted), v(gironde.contracts.won)]).toEqual([1, 1, 1]);
    const qpv = await computeFigures({ scope: { kind: "territory", qpvCode: "QN09309M" }, period });
    expect([v(qpv.suppliers.total), v(qpv.contracts.won), qpv.contracts.amountCents.value, v(qpv.needs.posted)]).toEqual([1, 1, 300_000, 2]);
  });
});

describe("a buyer's CSR purchasing report", () => {
  it("sums the contracts won with QPV suppliers by quarter, QPV and category", async () => {
    const report = await buyerCsrReport({ organisationId: world.b1.id, period });
    expect(report.totals).toEqual({
      contracts: 3,
      amountCents: 2_500_000,
      suppliers: 3,
      qpvContracts: 2,
      qpvAmountCents: 2_000_000,
      qpvSuppliers: 2,
      qpvShare: 0.8,
      declaredContracts: 1,
      declaredAmountCents: 500_000,
    });
    expect(report.byQuarter.map((q) => [q.label, q.contracts, q.amountCents, q.suppliers])).toEqual([
      ["1er trim. 2027", 1, 1_200_000, 1],
      ["2e trim. 2027", 1, 800_000, 1],
    ]);
    expect(report.byQpv.map((q) => [q.qpvCode, q.contracts, q.amountCents, q.suppliers])).toEqual([["QN09318M", 2, 2_000_000, 2]]);
    expect(report.byCategory.map((c) => [c.category, c.amountCents])).toEqual([
      ["nettoyage", 1_200_000],
      ["restauration-traiteur", 800_000],
    ]);
    expect(report.suppliers.map((s) => [s.name, s.amountCents])).toEqual([
      [world.suppliers.s1.legalName, 1_200_000],
      [world.suppliers.s3.legalName, 800_000],
    ]);
  });

  it("is empty for another organisation", async () => {
    const report = await buyerCsrReport({ organisationId: world.otherClub.id, period });
    expect(report.totals.contracts).toBe(0);
    expect(report.byQuarter.map((q) => q.amountCents)).toEqual([0, 0]);
  });
});
