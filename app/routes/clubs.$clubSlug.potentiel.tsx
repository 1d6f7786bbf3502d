import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { FormError, TextField } from "~/components/Field";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { localPotential, type LocalPotential } from "~/modules/matching/matching.server";
import { PotentialSchema } from "~/modules/needs/schemas";
import { communeLabel, resolveCommune } from "~/modules/reference/reference.server";
import { listCategories } from "~/modules/suppliers/categories";
import { formatNumber } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Potentiel local — Proxima" }];

const qpvText = { verified: "QPV vérifié", declared: "QPV déclaré", none: "Hors QPV", rejected: "Hors QPV" } as const;

/** A GET form: the answer is a shareable URL, and it works without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const url = new URL(request.url);
  const categories = listCategories().map((c) => ({ slug: c.slug, label: c.label }));
  const base = { club, categories, query: { categories: url.searchParams.getAll("categories"), commune: url.searchParams.get("commune") ?? "", radiusKm: url.searchParams.get("radiusKm") ?? "20" } };
  if (!url.searchParams.has("commune")) return { ...base, errors: null, potential: null as LocalPotential | null, place: null as string | null };
  const submission = parseWithZod(url.searchParams, { schema: PotentialSchema });
  if (submission.status !== "success") return data({ ...base, errors: submission.reply().error ?? null, potential: null, place: null }, { status: 400 });
  const commune = await resolveCommune(submission.value.commune);
  if (!commune) {
    return data({ ...base, errors: { commune: ["Commune introuvable : indiquez son nom et son code postal, par exemple Montreuil (93100)."] }, potential: null, place: null }, { status: 400 });
  }
  const potential = await localPotential({ categories: submission.value.categories, communeInsee: commune.insee, radiusKm: submission.value.radiusKm });
  return { ...base, errors: null, potential, place: communeLabel(commune) };
}

export default function LocalPotentialPage() {
  const { club, categories, query, errors, potential, place } = useLoaderData<typeof loader>();
  const e = (name: string) => (errors as Record<string, string[] | null> | null)?.[name] ?? undefined;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Potentiel local</h1>
      <p>Combien d'entreprises pourraient répondre à un besoin de ce type, ici ?</p>
      <FormError message={errors ? "Vérifiez les champs signalés." : null} />
      <Form method="get" noValidate>
        <fieldset>
          <legend>Catégories d'achat</legend>
          <div className="grid grid-2">
            {categories.map((c) => (
              <label className="checkbox" key={c.slug}>
                <input type="checkbox" name="categories" value={c.slug} defaultChecked={query.categories.includes(c.slug)} />
                {c.label}
              </label>
            ))}
          </div>
          {e("categories") ? <p className="field-error">{e("categories")!.join(" ")}</p> : null}
        </fieldset>
        <div className="grid grid-2">
          <TextField label="Commune" name="commune" defaultValue={query.commune} errors={e("commune")} hint="Par exemple Montreuil (93100)." />
          <TextField label="Rayon (km)" name="radiusKm" type="number" inputMode="numeric" defaultValue={query.radiusKm} errors={e("radiusKm")} />
        </div>
        <Button type="submit">Calculer</Button>
      </Form>
      {potential ? (
        <>
          <Card title={`${formatNumber(potential.total)} entreprise${potential.total > 1 ? "s" : ""} autour de ${place}`}>
            <ul>
              <li>{formatNumber(potential.byQpv.verified)} en QPV vérifié</li>
              <li>{formatNumber(potential.byQpv.declared)} en QPV déclaré, à vérifier</li>
              <li>{formatNumber(potential.byQpv.none)} hors QPV</li>
            </ul>
            <ul>
              {potential.byCategory.map((c) => (
                <li key={c.slug}>
                  {c.label} : {formatNumber(c.count)}
                </li>
              ))}
            </ul>
          </Card>
          {potential.suppliers.length ? (
            <DataTable
              caption="Les entreprises, les mieux placées d'abord"
              rowKey={(s) => s.supplierId}
              rows={potential.suppliers}
              columns={[
                { header: "Entreprise", cell: (s) => s.name },
                { header: "Commune", cell: (s) => s.communeName ?? "" },
                { header: "Distance", cell: (s) => (s.distanceKm === null ? "" : `${Math.round(s.distanceKm)} km`), numeric: true },
                { header: "QPV", cell: (s) => qpvText[s.qpvStatus] },
                { header: "Score", cell: (s) => s.score, numeric: true },
                { header: "Raisons", cell: (s) => s.reasons.join(" ; ") },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
