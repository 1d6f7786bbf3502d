import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CsrReportView } from "~/components/observatory/CsrReportView";
import { PeriodFilter } from "~/components/observatory/PeriodFilter";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { buyerCsrReport } from "~/modules/observatory/csr.server";
import { periodFromRequest } from "~/modules/observatory/edge.server";
import { defaultPeriod, periodQuery } from "~/modules/observatory/periods";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;
export const meta: MetaFunction = () => [{ title: "Rapport d'achats responsables — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const org = { slug: organisation.slug, name: organisation.name };
  const { period, errors } = periodFromRequest(request);
  if (errors) {
    const url = new URL(request.url);
    return data({ org, errors, report: null, form: { from: url.searchParams.get("du") ?? "", to: url.searchParams.get("au") ?? "" } }, { status: 400 });
  }
  const report = await buyerCsrReport({ organisationId: organisation.organisationId, period });
  return { org, errors: null, report, form: period };
}

export default function CsrReportPage() {
  const { org, errors, report, form } = useLoaderData<typeof loader>();
  const fallback = defaultPeriod(new Date());
  const query = report ? periodQuery(report.period, { org: org.slug }) : "";
  return (
    <>
      <h1>Rapport d'achats responsables</h1>
      <p>
        Pilier « acheter » du PAQTE : les contrats de {org.name} avec des entreprises des quartiers prioritaires, tels qu'ils sont suivis sur Proxima (opportunités gagnées, date de
        signature dans la période).
      </p>
      <PeriodFilter from={form.from || fallback.from} to={form.to || fallback.to} errors={errors}>
        <input type="hidden" name="org" value={org.slug} />
      </PeriodFilter>
      {report ? (
        <>
          <p>
            Période du {formatDate(report.period.from)} au {formatDate(report.period.to)}. <a href={`/acheteur/rse/imprimer?${query}`}>Version imprimable</a> ·{" "}
            <a href={`/acheteur/rse.csv?${query}`} download>
              Télécharger le rapport (CSV)
            </a>
          </p>
          <CsrReportView report={report} organisationName={org.name} />
        </>
      ) : null}
    </>
  );
}
