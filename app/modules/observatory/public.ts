// The public version of a club's figures: every cell through disclosure control (ADR 0009).
// Pure: takes the figures, returns only texts and published values.
import { formatEuros, formatNumber } from "~/lib/format";
import { discloseAmount, discloseCount, protectTable, SECRET_LABEL, verdictText, type Cell, type Verdict } from "./disclosure";
import type { Figures } from "./figures.server";
import { formatRate, rate } from "./periods";

/** A published cell: its text ("12", "< 5", "secret") and its value when it is shown. */
export type PublicCell = { text: string; value: number | null };
export type PublicLine = { label: string; cell: PublicCell };

export type PublicFigures = {
  summary: PublicLine[];
  byCategory: { label: string; total: PublicCell; verified: PublicCell }[];
  byQpv: { rows: PublicLine[]; total: PublicCell };
  byStage: { rows: PublicLine[]; total: PublicCell };
};

const countText = (v: Verdict): PublicCell => ({ text: verdictText(v, formatNumber), value: v.shown ? v.value : null });
const amountText = (v: Verdict): PublicCell => ({ text: verdictText(v, (cents) => formatEuros(cents / 100)), value: v.shown ? v.value : null });

/** A rate is published only when both of its terms are: otherwise it would give the hidden one away. */
function rateCell(numerator: Verdict, denominator: Verdict): PublicCell {
  if (!numerator.shown || !denominator.shown) return { text: SECRET_LABEL, value: null };
  const r = rate(numerator.value, denominator.value);
  return { text: formatRate(r), value: r };
}

/** One column of cells adding up to a published total, protected together. */
function protectedColumn(lines: { label: string; cell: Cell }[], total: Cell): { rows: PublicLine[]; total: PublicCell } {
  const out = protectTable({ cells: lines.map((l) => [l.cell]), columnTotals: [total] });
  return { rows: lines.map((l, i) => ({ label: l.label, cell: countText(out.cells[i]![0]!) })), total: countText(out.columnTotals![0]!) };
}

export function publicFigures(f: Figures): PublicFigures {
  const posted = discloseCount(f.needs.posted);
  const matched = discloseCount(f.needs.matched);
  const notified = discloseCount(f.needs.suppliersNotified);
  const interested = discloseCount(f.needs.suppliersInterested);
  const summary: PublicLine[] = [
    { label: "Entreprises sourcées", cell: countText(discloseCount(f.suppliers.total)) },
    { label: "dont implantation en QPV vérifiée", cell: countText(discloseCount(f.suppliers.verified)) },
    { label: "Entreprises ajoutées dans l'année", cell: countText(discloseCount(f.suppliers.new)) },
    { label: "Besoins d'achat publiés", cell: countText(posted) },
    { label: "Taux de mise en relation des besoins", cell: rateCell(matched, posted) },
    { label: "Taux de réponse des entreprises prévenues", cell: rateCell(interested, notified) },
    { label: "Rendez-vous d'affaires tenus", cell: countText(discloseCount(f.events.meetingsHeld)) },
    { label: "Contrats gagnés", cell: countText(discloseCount(f.contracts.won)) },
    { label: "Montant des contrats gagnés (HT)", cell: amountText(discloseAmount(f.contracts.amountCents)) },
    { label: "dont par des entreprises au QPV vérifié (HT)", cell: amountText(discloseAmount(f.contracts.amountQpvCents)) },
  ];
  // Categories overlap (a company may have several): no total to subtract from, primary suppression only.
  const byCategory = f.suppliers.byCategory.map((c) => ({ label: c.label, total: countText(discloseCount(c.total)), verified: countText(discloseCount(c.verified)) }));
  // QPV rows partition the companies: protected with their total.
  const byQpv = protectedColumn(
    f.suppliers.byQpv.map((q) => ({ label: q.label, cell: q.total })),
    f.suppliers.total,
  );
  const byStage = protectedColumn(
    f.opportunities.byStage.map((s) => ({ label: s.label, cell: s.count })),
    f.opportunities.created,
  );
  return { summary, byCategory, byQpv, byStage };
}
