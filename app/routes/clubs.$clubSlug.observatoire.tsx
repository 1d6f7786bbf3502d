import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FiguresView } from "~/components/observatory/FiguresView";
import { PeriodFilter } from "~/components/observatory/PeriodFilter";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { periodFromRequest } from "~/modules/observatory/edge.server";
import { computeFigures } from "~/modules/observatory/figures.server";
import { defaultPeriod, periodQuery } from "~/modules/observatory/periods";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Observatoire — ${data?.club.name ?? "Club"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const { period, errors } = periodFromRequest(request);
  if (errors) {
    const url = new URL(request.url);
    return data({ club, errors, figures: null, form: { from: url.searchParams.get("du") ?? "", to: url.searchParams.get("au") ?? "" } }, { status: 400 });
  }
  const figures = await computeFigures({ scope: { kind: "club", clubId: club.id }, period });
  return { club, errors: null, figures, form: period };
}

export default function ClubObservatory() {
  const { club, errors, figures, form } = useLoaderData<typeof loader>();
  const fallback = defaultPeriod(new Date());
  return (
    <>
      <p className="no-print">
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Observatoire du club</h1>
      <p>
        Les chiffres de {club.name} : entreprises sourcées, besoins, rencontres, opportunités et contrats. Ils sont complets : ne les diffusez pas tels quels. La{" "}
        <Link to={`/observatoire/${club.slug}`}>page publique du club</Link> en montre une version protégée.
      </p>
      <PeriodFilter from={form.from || fallback.from} to={form.to || fallback.to} errors={errors} />
      {figures ? (
        <>
          <p>
            Période du {formatDate(figures.period.from)} au {formatDate(figures.period.to)}.{" "}
            <a href={`/clubs/${club.slug}/observatoire.csv?${periodQuery(figures.period)}`} download>
              Télécharger les chiffres (CSV)
            </a>
          </p>
          <FiguresView figures={figures} scopeLabel={club.name} />
        </>
      ) : null}
    </>
  );
}
