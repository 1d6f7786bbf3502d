import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CsrReportView } from "~/components/observatory/CsrReportView";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { buyerCsrReport } from "~/modules/observatory/csr.server";
import { requirePeriod } from "~/modules/observatory/edge.server";
import { periodQuery } from "~/modules/observatory/periods";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Rapport d'achats responsables — ${data?.org.name ?? ""} — Proxima` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const period = requirePeriod(request);
  const report = await buyerCsrReport({ organisationId: organisation.organisationId, period });
  return { org: { slug: organisation.slug, name: organisation.name }, report, printedOn: new Date().toISOString() };
}

export default function PrintCsrReport() {
  const { org, report, printedOn } = useLoaderData<typeof loader>();
  return (
    <article className="print-report">
      <p className="no-print">
        <Link to={`/acheteur/rse?${periodQuery(report.period, { org: org.slug })}`}>← Rapport d'achats responsables</Link> · Utilisez la fonction d'impression de votre navigateur.
      </p>
      <h1>
        Achats responsables de {org.name} : du {formatDate(report.period.from)} au {formatDate(report.period.to)}
      </h1>
      <p className="muted">
        Pacte avec les quartiers pour toutes les entreprises (PAQTE), pilier « acheter ». Source : Proxima, Rencontres Business de Proximité. Édité le {formatDate(printedOn)}. Montants hors
        taxes.
      </p>
      <CsrReportView report={report} organisationName={org.name} />
    </article>
  );
}
