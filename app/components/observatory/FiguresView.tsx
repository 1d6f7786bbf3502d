import { DataTable } from "~/components/DataTable";
import { formatEuros, formatNumber } from "~/lib/format";
import type { Figures } from "~/modules/observatory/figures.server";
import { formatRate, monthLabel } from "~/modules/observatory/periods";
import { BarChart } from "./BarChart";

const euros = (cents: number) => formatEuros(cents / 100);
const num = (cell: { value: number }) => formatNumber(cell.value);

export function KeyFigures({ items }: { items: { label: string; value: string }[] }) {
  return (
    <ul className="key-figures">
      {items.map((i) => (
        <li key={i.label}>
          <span className="key-figure-value">{i.value}</span> {i.label}
        </li>
      ))}
    </ul>
  );
}

/** Every figure of a scope, for the people who run it (animator, admin): nothing is hidden. */
export function FiguresView({ figures: f, scopeLabel }: { figures: Figures; scopeLabel: string }) {
  return (
    <>
      <h2>Chiffres clés</h2>
      <KeyFigures
        items={[
          { label: "entreprises sourcées", value: num(f.suppliers.total) },
          { label: "au QPV vérifié", value: num(f.suppliers.verified) },
          { label: "besoins publiés", value: num(f.needs.posted) },
          { label: "taux de réponse", value: formatRate(f.needs.answerRate) },
          { label: "rendez-vous tenus", value: num(f.events.meetingsHeld) },
          { label: "opportunités ouvertes", value: num(f.opportunities.created) },
          { label: "contrats gagnés", value: num(f.contracts.won) },
          { label: "montant gagné (HT)", value: euros(f.contracts.amountCents.value) },
        ]}
      />

      <h2>Entreprises sourcées</h2>
      <p>
        {num(f.suppliers.total)} entreprises à la fin de la période, dont {num(f.suppliers.verified)} au QPV vérifié et {num(f.suppliers.new)} ajoutées pendant la période.
        Une entreprise peut relever de plusieurs catégories.
      </p>
      <BarChart
        title={`Entreprises sourcées par catégorie — ${scopeLabel}`}
        description={`Nombre d'entreprises sourcées par catégorie d'achat, à la fin de la période. ${f.suppliers.byCategory.length} catégories.`}
        labelHeader="Catégorie"
        valueHeader="Entreprises"
        bars={f.suppliers.byCategory.map((c) => ({ label: c.label, value: c.total.value, text: num(c.total) }))}
      />
      <DataTable
        caption="Entreprises sourcées par quartier prioritaire"
        rowKey={(q) => q.qpvCode ?? "hors-qpv"}
        rows={f.suppliers.byQpv}
        columns={[
          { header: "Quartier", cell: (q) => q.label },
          { header: "QPV vérifié", cell: (q) => num(q.verified), numeric: true },
          { header: "Autres", cell: (q) => num(q.notVerified), numeric: true },
          { header: "Total", cell: (q) => num(q.total), numeric: true },
        ]}
      />

      <h2>Besoins et réponses</h2>
      <IndicatorTable
        caption="Besoins publiés pendant la période"
        rows={[
          { label: "Besoins publiés", value: num(f.needs.posted) },
          { label: "Besoins avec au moins un fournisseur proposé", value: num(f.needs.matched) },
          { label: "Taux de mise en relation", value: formatRate(f.needs.matchRate) },
          { label: "Besoins avec au moins une réponse « intéressé »", value: num(f.needs.answered) },
          { label: "Fournisseurs prévenus", value: num(f.needs.suppliersNotified) },
          { label: "Réponses « intéressé »", value: num(f.needs.suppliersInterested) },
          { label: "Taux de réponse (réponses / fournisseurs prévenus)", value: formatRate(f.needs.answerRate) },
        ]}
      />

      <h2>Rencontres</h2>
      <IndicatorTable
        caption="Rencontres tenues pendant la période"
        rows={[
          { label: "Rencontres", value: num(f.events.held) },
          { label: "Organisations acheteuses inscrites", value: num(f.events.buyers) },
          { label: "Entreprises fournisseurs inscrites", value: num(f.events.suppliers) },
          { label: "Rendez-vous planifiés", value: num(f.events.meetingsScheduled) },
          { label: "Rendez-vous tenus", value: num(f.events.meetingsHeld) },
          { label: "Part des rendez-vous tenus", value: formatRate(f.events.heldRate) },
        ]}
      />

      <h2>Opportunités et contrats</h2>
      <BarChart
        title={`Opportunités ouvertes pendant la période, par étape actuelle — ${scopeLabel}`}
        description={`${num(f.opportunities.created)} opportunités ouvertes pendant la période, réparties selon leur étape aujourd'hui.`}
        labelHeader="Étape"
        valueHeader="Opportunités"
        bars={f.opportunities.byStage.map((s) => ({ label: s.label, value: s.count.value, text: num(s.count) }))}
      />
      <DataTable
        caption="Opportunités ouvertes pendant la période, par origine"
        rowKey={(r) => r.origin}
        rows={f.opportunities.byOrigin}
        columns={[
          { header: "Origine", cell: (r) => r.label },
          { header: "Opportunités", cell: (r) => num(r.count), numeric: true },
        ]}
      />
      <DataTable
        caption="Contrats signés pendant la période"
        rowKey={(r) => r.label}
        rows={[
          { label: "Tous fournisseurs", count: num(f.contracts.won), amount: euros(f.contracts.amountCents.value) },
          { label: "Fournisseurs au QPV vérifié", count: num(f.contracts.wonQpv), amount: euros(f.contracts.amountQpvCents.value) },
        ]}
        columns={[
          { header: "Fournisseurs", cell: (r) => r.label },
          { header: "Contrats gagnés", cell: (r) => r.count, numeric: true },
          { header: "Montant (HT)", cell: (r) => r.amount, numeric: true },
        ]}
      />

      <h2>Évolution mois par mois</h2>
      <BarChart
        title={`Montant des contrats gagnés par mois — ${scopeLabel}`}
        description={`Montant hors taxes des contrats signés chaque mois, de ${monthLabel(f.months[0]?.month ?? f.period.from)} à ${monthLabel(f.months.at(-1)?.month ?? f.period.to)}.`}
        labelHeader="Mois"
        valueHeader="Montant (HT)"
        bars={f.months.map((m) => ({ label: monthLabel(m.month), value: m.amountWonCents, text: euros(m.amountWonCents) }))}
      />
      <BarChart
        title={`Opportunités ouvertes par mois — ${scopeLabel}`}
        description="Nombre de contacts d'affaires ouverts chaque mois (besoins, rencontres, annuaire)."
        labelHeader="Mois"
        valueHeader="Opportunités"
        bars={f.months.map((m) => ({ label: monthLabel(m.month), value: m.opportunitiesCreated, text: formatNumber(m.opportunitiesCreated) }))}
      />
      <DataTable
        caption="Toutes les séries mensuelles"
        rowKey={(m) => m.month}
        rows={f.months}
        columns={[
          { header: "Mois", cell: (m) => monthLabel(m.month) },
          { header: "Entreprises ajoutées", cell: (m) => formatNumber(m.suppliersNew), numeric: true },
          { header: "Besoins publiés", cell: (m) => formatNumber(m.needsPosted), numeric: true },
          { header: "Rencontres", cell: (m) => formatNumber(m.eventsHeld), numeric: true },
          { header: "Rendez-vous tenus", cell: (m) => formatNumber(m.meetingsHeld), numeric: true },
          { header: "Opportunités ouvertes", cell: (m) => formatNumber(m.opportunitiesCreated), numeric: true },
          { header: "Contrats gagnés", cell: (m) => formatNumber(m.contractsWon), numeric: true },
          { header: "Montant (HT)", cell: (m) => euros(m.amountWonCents), numeric: true },
        ]}
      />
    </>
  );
}

/** A two-column table of named figures (indicator, value). */
function IndicatorTable({ caption, rows }: { caption: string; rows: { label: string; value: string }[] }) {
  return (
    <DataTable
      caption={caption}
      rowKey={(r) => r.label}
      rows={rows}
      columns={[
        { header: "Indicateur", cell: (r) => r.label },
        { header: "Valeur", cell: (r) => r.value, numeric: true },
      ]}
    />
  );
}
