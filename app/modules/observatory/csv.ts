// CSV writers of the observatory: the figures of a scope (dashboards, CLI) and a buyer's CSR report.
import { toCsv, type CsvCell } from "~/lib/csv-write";
import type { CsrReport } from "./csr.server";
import type { Figures } from "./figures.server";

const header = ["Périmètre", "Du", "Au", "Rubrique", "Indicateur", "Détail", "Valeur", "Unité"];

/** Cents → "1250.00" (a plain number a spreadsheet reads, whatever its locale's separator). */
export function euros(cents: number): string {
  return (cents / 100).toFixed(2);
}

const percent = (value: number | null) => (value === null ? "" : (Math.round(value * 1000) / 10).toFixed(1));

/** One line per figure, long format: the same columns whatever the scope, easy to pivot. */
export function figuresCsv(scopeLabel: string, f: Figures): string {
  const lines: CsvCell[][] = [];
  const add = (section: string, indicator: string, detail: string, value: CsvCell, unit: string) =>
    lines.push([scopeLabel, f.period.from, f.period.to, section, indicator, detail, value, unit]);

  const s = f.suppliers;
  add("Fournisseurs", "Entreprises sourcées (fin de période)", "Total", s.total.value, "entreprises");
  add("Fournisseurs", "Entreprises au QPV vérifié", "Total", s.verified.value, "entreprises");
  add("Fournisseurs", "Entreprises ajoutées pendant la période", "Total", s.new.value, "entreprises");
  for (const c of s.byCategory) {
    add("Fournisseurs", "Entreprises sourcées par catégorie", c.label, c.total.value, "entreprises");
    add("Fournisseurs", "Entreprises au QPV vérifié par catégorie", c.label, c.verified.value, "entreprises");
  }
  for (const q of s.byQpv) {
    add("Fournisseurs", "Entreprises sourcées par QPV", q.label, q.total.value, "entreprises");
    add("Fournisseurs", "Entreprises au QPV vérifié par QPV", q.label, q.verified.value, "entreprises");
  }
  const n = f.needs;
  add("Besoins", "Besoins publiés", "Total", n.posted.value, "besoins");
  add("Besoins", "Besoins avec au moins un fournisseur proposé", "Total", n.matched.value, "besoins");
  add("Besoins", "Besoins avec au moins une réponse « intéressé »", "Total", n.answered.value, "besoins");
  add("Besoins", "Fournisseurs prévenus", "Total", n.suppliersNotified.value, "mises en relation");
  add("Besoins", "Réponses « intéressé »", "Total", n.suppliersInterested.value, "mises en relation");
  add("Besoins", "Taux de mise en relation", "Besoins avec fournisseur / besoins publiés", percent(n.matchRate), "%");
  add("Besoins", "Taux de réponse", "Réponses « intéressé » / fournisseurs prévenus", percent(n.answerRate), "%");
  const e = f.events;
  add("Rencontres", "Rencontres tenues", "Total", e.held.value, "rencontres");
  add("Rencontres", "Organisations acheteuses inscrites", "Total", e.buyers.value, "organisations");
  add("Rencontres", "Entreprises fournisseurs inscrites", "Total", e.suppliers.value, "entreprises");
  add("Rencontres", "Rendez-vous planifiés", "Total", e.meetingsScheduled.value, "rendez-vous");
  add("Rencontres", "Rendez-vous tenus", "Total", e.meetingsHeld.value, "rendez-vous");
  add("Rencontres", "Taux de rendez-vous tenus", "Tenus / planifiés", percent(e.heldRate), "%");
  const o = f.opportunities;
  add("Opportunités", "Opportunités ouvertes pendant la période", "Total", o.created.value, "opportunités");
  for (const st of o.byStage) add("Opportunités", "Opportunités par étape actuelle", st.label, st.count.value, "opportunités");
  for (const or of o.byOrigin) add("Opportunités", "Opportunités par origine", or.label, or.count.value, "opportunités");
  const c = f.contracts;
  add("Contrats", "Contrats gagnés", "Total", c.won.value, "contrats");
  add("Contrats", "Montant des contrats gagnés", "Total", euros(c.amountCents.value), "€ HT");
  add("Contrats", "Contrats gagnés par des entreprises au QPV vérifié", "Total", c.wonQpv.value, "contrats");
  add("Contrats", "Montant gagné par des entreprises au QPV vérifié", "Total", euros(c.amountQpvCents.value), "€ HT");
  for (const m of f.months) {
    add("Par mois", "Entreprises ajoutées", m.month, m.suppliersNew, "entreprises");
    add("Par mois", "Besoins publiés", m.month, m.needsPosted, "besoins");
    add("Par mois", "Rencontres tenues", m.month, m.eventsHeld, "rencontres");
    add("Par mois", "Rendez-vous tenus", m.month, m.meetingsHeld, "rendez-vous");
    add("Par mois", "Opportunités ouvertes", m.month, m.opportunitiesCreated, "opportunités");
    add("Par mois", "Contrats gagnés", m.month, m.contractsWon, "contrats");
    add("Par mois", "Montant des contrats gagnés", m.month, euros(m.amountWonCents), "€ HT");
  }
  return toCsv(header, lines, { bom: true, neutralizeFormulas: true });
}

/** The CSR purchasing report of a buyer organisation, long format too. */
export function csrCsv(organisationName: string, r: CsrReport): string {
  const lines: CsvCell[][] = [];
  const add = (section: string, detail: string, contracts: number, amountCents: number, suppliers: number) =>
    lines.push([organisationName, r.period.from, r.period.to, section, detail, contracts, euros(amountCents), suppliers]);
  add("Total, tous fournisseurs", "", r.totals.contracts, r.totals.amountCents, r.totals.suppliers);
  add("Total, fournisseurs au QPV vérifié", "", r.totals.qpvContracts, r.totals.qpvAmountCents, r.totals.qpvSuppliers);
  for (const q of r.byQuarter) add("Fournisseurs au QPV vérifié, par trimestre", q.quarter, q.contracts, q.amountCents, q.suppliers);
  for (const q of r.byQpv) add("Fournisseurs au QPV vérifié, par QPV", q.label, q.contracts, q.amountCents, q.suppliers);
  for (const c of r.byCategory) add("Fournisseurs au QPV vérifié, par catégorie principale", c.label, c.contracts, c.amountCents, c.suppliers);
  for (const s of r.suppliers) add("Fournisseurs au QPV vérifié, par entreprise", s.name, s.contracts, s.amountCents, 1);
  return toCsv(["Organisation", "Du", "Au", "Rubrique", "Détail", "Contrats gagnés", "Montant (€ HT)", "Fournisseurs"], lines, { bom: true, neutralizeFormulas: true });
}
