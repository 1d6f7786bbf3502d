import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/Field";
import { FiguresView } from "~/components/observatory/FiguresView";
import { PeriodFilter } from "~/components/observatory/PeriodFilter";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { periodFromRequest } from "~/modules/observatory/edge.server";
import { computeFigures } from "~/modules/observatory/figures.server";
import { defaultPeriod, periodQuery } from "~/modules/observatory/periods";
import { parseTerritory, territoryOptions, territoryScope } from "~/modules/observatory/territory.server";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction = () => [{ title: "Observatoire des territoires — Administration — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  const [options, territory] = await Promise.all([territoryOptions(), parseTerritory(url.searchParams)]);
  const period = periodFromRequest(request);
  const form = { from: period.period?.from ?? url.searchParams.get("du") ?? "", to: period.period?.to ?? url.searchParams.get("au") ?? "", ...territory.filter };
  if (!territory.ok || period.errors) {
    return data({ options, form, errors: [...(territory.ok ? [] : territory.errors), ...(period.errors ?? [])], figures: null, label: null }, { status: 400 });
  }
  const figures = await computeFigures({ scope: territoryScope(territory.filter), period: period.period });
  return { options, form, errors: null, figures, label: territory.label };
}

export default function AdminObservatory() {
  const { options, form, errors, figures, label } = useLoaderData<typeof loader>();
  const fallback = defaultPeriod(new Date());
  return (
    <>
      <p className="no-print">
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Observatoire des territoires</h1>
      <p>Les chiffres de toute la plateforme, ou d'une intercommunalité, d'un département, d'un quartier prioritaire. Les entreprises comptent selon leur adresse ; besoins et rencontres selon le territoire de leur club.</p>
      <PeriodFilter from={form.from || fallback.from} to={form.to || fallback.to} errors={errors} label="Filtrer par territoire et par période">
        <SelectField
          label="Intercommunalité (EPCI)"
          name="epci"
          defaultValue={form.epciSiren ?? ""}
          options={[{ value: "", label: "Toutes" }, ...options.epcis.map((e) => ({ value: e.siren, label: e.name }))]}
        />
        <SelectField
          label="Département"
          name="departement"
          defaultValue={form.departmentCode ?? ""}
          options={[{ value: "", label: "Tous" }, ...options.departments.map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }))]}
        />
        <TextField label="Code QPV" name="qpv" defaultValue={form.qpvCode ?? ""} placeholder="QN09318M" hint="Facultatif" />
      </PeriodFilter>
      {figures && label ? (
        <>
          <h2 className="visually-hidden">Périmètre</h2>
          <p>
            <strong>{label}</strong>, du {formatDate(figures.period.from)} au {formatDate(figures.period.to)}.{" "}
            <a href={`/admin/observatoire.csv?${periodQuery(figures.period, { epci: form.epciSiren, departement: form.departmentCode, qpv: form.qpvCode })}`} download>
              Télécharger les chiffres (CSV)
            </a>
          </p>
          <FiguresView figures={figures} scopeLabel={label} />
        </>
      ) : null}
    </>
  );
}
