import { DataTable } from "~/components/DataTable";
import { formatEuros, formatNumber } from "~/lib/format";
import type { CsrReport } from "~/modules/observatory/csr.server";
import { formatRate } from "~/modules/observatory/periods";
import { BarChart } from "./BarChart";
import { KeyFigures } from "./FiguresView";

const euros = (cents: number) => formatEuros(cents / 100);

type Line = { label: string; contracts: number; amountCents: number; suppliers: number };

function LinesTable<T extends Line>({ caption, header, rows, rowKey }: { caption: string; header: string; rows: T[]; rowKey: (row: T) => string }) {
  return (
    <DataTable
      caption={caption}
      rowKey={rowKey}
      rows={rows}
      columns={[
        { header, cell: (r) => r.label },
        { header: "Contrats", cell: (r) => formatNumber(r.contracts), numeric: true },
        { header: "Montant (HT)", cell: (r) => euros(r.amountCents), numeric: true },
        { header: "Fournisseurs", cell: (r) => formatNumber(r.suppliers), numeric: true },
      ]}
    />
  );
}

/** The CSR purchasing report of a buyer organisation (screen and print). */
export function CsrReportView({ report: r, organisationName }: { report: CsrReport; organisationName: string }) {
  return (
    <>
      <h2>Synthèse</h2>
      <KeyFigures
        items={[
          { label: "achetés à des entreprises des QPV (HT)", value: euros(r.totals.qpvAmountCents) },
          { label: "contrats avec des entreprises des QPV", value: formatNumber(r.totals.qpvContracts) },
          { label: "entreprises des QPV retenues", value: formatNumber(r.totals.qpvSuppliers) },
          { label: "des achats suivis sur Proxima", value: formatRate(r.totals.qpvShare) },
        ]}
      />
      <p>
        Sur la période, {organisationName} a signé {formatNumber(r.totals.contracts)} contrat{r.totals.contracts > 1 ? "s" : ""} suivi{r.totals.contracts > 1 ? "s" : ""} sur Proxima pour{" "}
        {euros(r.totals.amountCents)} HT avec {formatNumber(r.totals.suppliers)} fournisseur{r.totals.suppliers > 1 ? "s" : ""}. Sont comptées comme entreprises des QPV celles dont
        l'implantation en quartier prioritaire a été vérifiée par un club.
        {r.totals.declaredContracts > 0
          ? ` ${formatNumber(r.totals.declaredContracts)} autre(s) contrat(s), pour ${euros(r.totals.declaredAmountCents)} HT, concernent des entreprises dont l'implantation déclarée n'est pas encore vérifiée.`
          : ""}
      </p>

      <h2>Par trimestre</h2>
      <BarChart
        title="Achats aux entreprises des QPV par trimestre (HT)"
        description={`Montant hors taxes des contrats signés avec des entreprises des QPV, trimestre par trimestre ; ${euros(r.totals.qpvAmountCents)} au total.`}
        labelHeader="Trimestre"
        valueHeader="Montant (HT)"
        bars={r.byQuarter.map((q) => ({ label: q.label, value: q.amountCents, text: euros(q.amountCents) }))}
      />
      <LinesTable caption="Contrats avec des entreprises des QPV, par trimestre" header="Trimestre" rows={r.byQuarter} rowKey={(q) => q.quarter} />

      <h2>Par quartier prioritaire</h2>
      {r.byQpv.length ? <LinesTable caption="Contrats par quartier prioritaire de l'entreprise" header="Quartier" rows={r.byQpv} rowKey={(q) => q.qpvCode} /> : <p>Aucun contrat sur la période.</p>}

      <h2>Par catégorie d'achat</h2>
      {r.byCategory.length ? (
        <>
          <BarChart
            title="Achats aux entreprises des QPV par catégorie (HT)"
            description="Montant hors taxes par catégorie principale de l'entreprise retenue."
            labelHeader="Catégorie"
            valueHeader="Montant (HT)"
            bars={r.byCategory.map((c) => ({ label: c.label, value: c.amountCents, text: euros(c.amountCents) }))}
          />
          <LinesTable caption="Contrats par catégorie principale de l'entreprise" header="Catégorie" rows={r.byCategory} rowKey={(c) => c.category} />
        </>
      ) : (
        <p>Aucun contrat sur la période.</p>
      )}

      <h2>Entreprises retenues</h2>
      {r.suppliers.length ? (
        <DataTable
          caption="Entreprises des QPV avec lesquelles un contrat a été signé"
          rowKey={(s) => s.supplierId}
          rows={r.suppliers}
          columns={[
            { header: "Entreprise", cell: (s) => s.name },
            { header: "Quartier", cell: (s) => s.qpvLabel },
            { header: "Contrats", cell: (s) => formatNumber(s.contracts), numeric: true },
            { header: "Montant (HT)", cell: (s) => euros(s.amountCents), numeric: true },
          ]}
        />
      ) : (
        <p>Aucune entreprise des QPV retenue sur la période.</p>
      )}
    </>
  );
}
