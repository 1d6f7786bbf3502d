import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { SelectField } from "~/components/Field";
import { BarChart } from "~/components/observatory/BarChart";
import { notFound } from "~/modules/accounts/guards.server";
import { SUPPRESSED_LABEL } from "~/modules/observatory/disclosure";
import { publicClubFigures, publicYears } from "~/modules/observatory/public.server";
import type { PublicLine } from "~/modules/observatory/public";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Observatoire — ${data?.club.name ?? "Club"} — Proxima` },
  { name: "description", content: `Les chiffres agrégés du ${data?.club.name ?? "club"} : entreprises des quartiers, besoins, rendez-vous et contrats.` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const years = publicYears(new Date());
  const raw = new URL(request.url).searchParams.get("annee");
  const year = raw ? Number(raw) : years[0]!;
  if (!Number.isInteger(year) || !years.includes(year)) {
    throw new Response(`Année invalide : choisissez une année entre ${years.at(-1)} et ${years[0]}.`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const found = await publicClubFigures({ clubSlug: params.clubSlug ?? "", year });
  if (!found) throw notFound("Ce club n'existe pas.");
  return { ...found, year, years };
}

function LinesTable({ caption, header, rows, total }: { caption: string; header: string; rows: PublicLine[]; total?: PublicLine }) {
  return (
    <DataTable
      caption={caption}
      rowKey={(r) => r.label}
      rows={total ? [...rows, total] : rows}
      columns={[
        { header, cell: (r) => r.label },
        { header: "Valeur", cell: (r) => r.cell.text, numeric: true },
      ]}
    />
  );
}

export default function PublicClubObservatory() {
  const { club, figures: f, year, years } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/observatoire">← Observatoire</Link>
      </p>
      <h1>
        {club.name} : les chiffres de {year}
      </h1>
      <p>
        Territoire : {club.epciName}. Chiffres agrégés de l'année civile {year} (entreprises : à la fin de l'année). Un chiffre qui repose sur moins de cinq entreprises est remplacé
        par « {SUPPRESSED_LABEL} » ; « secret » masque un chiffre qui permettrait de le retrouver par différence, ou un montant dominé par une seule entreprise.
      </p>
      <Form method="get" className="filters no-print" aria-label="Choisir l'année">
        <SelectField label="Année" name="annee" defaultValue={String(year)} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        <Button type="submit" variant="secondary">
          Afficher
        </Button>
      </Form>

      <h2>Chiffres clés</h2>
      <LinesTable caption={`Chiffres clés ${year}`} header="Indicateur" rows={f.summary} />

      <h2>Entreprises des quartiers sourcées</h2>
      <BarChart
        title={`Entreprises sourcées par catégorie d'achat, ${year}`}
        description="Nombre d'entreprises par catégorie ; une entreprise peut relever de plusieurs catégories. Les catégories de moins de cinq entreprises ne sont pas dessinées."
        labelHeader="Catégorie"
        valueHeader="Entreprises"
        bars={f.byCategory.map((c) => ({ label: c.label, value: c.total.value, text: c.total.text }))}
      />
      <DataTable
        caption={`Entreprises sourcées et vérifiées par catégorie, ${year}`}
        rowKey={(c) => c.label}
        rows={f.byCategory}
        columns={[
          { header: "Catégorie", cell: (c) => c.label },
          { header: "Entreprises", cell: (c) => c.total.text, numeric: true },
          { header: "dont QPV vérifié", cell: (c) => c.verified.text, numeric: true },
        ]}
      />
      <LinesTable caption={`Entreprises sourcées par quartier prioritaire, ${year}`} header="Quartier" rows={f.byQpv.rows} total={{ label: "Total", cell: f.byQpv.total }} />

      <h2>Opportunités d'affaires</h2>
      <LinesTable caption={`Opportunités ouvertes en ${year}, par étape actuelle`} header="Étape" rows={f.byStage.rows} total={{ label: "Total", cell: f.byStage.total }} />
    </>
  );
}
