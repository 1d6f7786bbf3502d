import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { CommuneSuggestions } from "~/components/CommuneSuggestions";
import { EmptyState } from "~/components/EmptyState";
import { SelectField, TextField } from "~/components/Field";
import { FacetList } from "~/components/supplier/FacetList";
import { Highlight } from "~/components/supplier/Highlight";
import { QpvBadge } from "~/components/supplier/QpvBadge";
import { directory } from "~/modules/suppliers/directory.server";
import { formatNumber } from "~/lib/format";
import { policies } from "~/lib/policy";
import { pageHref, toggleParam, withParam } from "~/lib/url";

export const policy = policies.public;
export const meta: MetaFunction = () => [
  { title: "Annuaire des entreprises des quartiers — Proxima" },
  { name: "description", content: "Trouvez les entreprises des quartiers prioritaires (QPV) près de chez vous : nettoyage, traiteurs, bâtiment, numérique…" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const found = await directory(new URL(request.url).searchParams);
  return { ...found, suggestions: found.suggestions.map((s) => ({ param: s.param, value: s.value, total: s.total, href: `?${s.params.toString()}` })) };
}

const facetTitles = [
  ["categorie", "categories", "Catégorie"],
  ["qpv", "qpv", "Quartier (QPV)"],
  ["commune", "communes", "Commune"],
  ["epci", "epcis", "Intercommunalité"],
  ["departement", "departments", "Département"],
  ["label", "labels", "Labels"],
] as const;

export default function Directory() {
  const { result, state, nearLabel, unknownPlace, suggestions } = useLoaderData<typeof loader>();
  const verifiedOnly = Boolean(state.filters.verifiedQpvOnly);
  const radiusKm = state.near?.radiusKm ?? 10;
  const [params] = useSearchParams();
  const submit = useSubmit();
  const navigation = useNavigation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // With JavaScript, results follow the typing (debounced) without a full reload; without it, the button submits.
  const onChange = (form: HTMLFormElement, field: EventTarget) => {
    // "Près de" waits for the button (or Enter): half a commune name resolves to nothing.
    if ((field as HTMLInputElement).name === "pres_de") return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 250);
  };
  const active = facetTitles.flatMap(([param, facet]) =>
    (state.filters[facet] ?? []).map((value) => ({ param, value, label: result.facets[facet].find((f) => f.value === value)?.label ?? value })),
  );
  const labelOf = (param: string, value: string) => active.find((a) => a.param === param && a.value === value)?.label ?? value;
  return (
    <>
      <h1>Annuaire des entreprises des quartiers</h1>
      <Form method="get" role="search" className="search-bar" onChange={(e) => onChange(e.currentTarget, e.target)}>
        {active.map((a) => (
          <input key={`${a.param}-${a.value}`} type="hidden" name={a.param} value={a.value} />
        ))}
        {verifiedOnly ? <input type="hidden" name="qpv_verifie" value="1" /> : null}
        <TextField label="Rechercher" name="q" type="search" defaultValue={state.q} placeholder="nettoyage bureaux Montreuil, traiteur, imprimerie…" />
        <TextField label="Près de" name="pres_de" defaultValue={nearLabel ?? unknownPlace ?? ""} placeholder="Commune ou code postal" list="communes-suggestions" errors={unknownPlace ? ["Commune introuvable : précisez le code postal, par exemple « Montreuil (93100) »."] : undefined} />
        <SelectField
          label="Rayon"
          name="rayon_km"
          defaultValue={String(radiusKm)}
          options={[5, 10, 20, 50, 100].map((km) => ({ value: String(km), label: `${km} km` }))}
        />
        <SelectField
          label="Trier par"
          name="tri"
          defaultValue={state.sort === "relevance" ? "pertinence" : state.sort === "distance" ? "distance" : "recent"}
          options={[
            { value: "pertinence", label: "Pertinence" },
            { value: "distance", label: "Distance" },
            { value: "recent", label: "Plus récentes" },
          ]}
        />
        <Button type="submit">Rechercher</Button>
      </Form>
      <CommuneSuggestions />
      <div className="with-sidebar">
        <aside aria-label="Filtres">
          <h2 className="visually-hidden">Filtres</h2>
          <p>
            <Link to={withParam(params, "qpv_verifie", verifiedOnly ? null : "1")} aria-current={verifiedOnly ? "true" : undefined} className={verifiedOnly ? "facet-active" : undefined}>
              {verifiedOnly ? "✓ " : ""}QPV vérifié uniquement <span className="muted">({result.facets.verifiedQpv})</span>
            </Link>
          </p>
          {facetTitles.map(([param, facet, title]) => (
            <FacetList key={param} title={title} param={param} values={result.facets[facet]} selected={state.filters[facet] ?? []} params={params} />
          ))}
        </aside>
        <section aria-labelledby="resultats" aria-busy={navigation.state === "loading"}>
          <h2 id="resultats" aria-live="polite">
            {formatNumber(result.total)} {result.total > 1 ? "entreprises" : "entreprise"}
            {nearLabel ? ` à moins de ${radiusKm} km de ${nearLabel}` : ""}
          </h2>
          {active.length ? (
            <p className="actions">
              Filtres :{" "}
              {active.map((a) => (
                <Link key={`${a.param}-${a.value}`} to={toggleParam(params, a.param, a.value)} aria-label={`Retirer le filtre ${a.label}`}>
                  {a.label} ✕
                </Link>
              ))}
            </p>
          ) : null}
          {result.hits.length === 0 ? (
            <EmptyState title="Aucune entreprise ne correspond à votre recherche.">
              {suggestions.length ? (
                <>
                  <p>Essayez de retirer un filtre :</p>
                  <ul>
                    {suggestions.map((sug) => (
                      <li key={`${sug.param}-${sug.value}`}>
                        <Link to={sug.href}>
                          {sug.param === "q" ? `Effacer « ${sug.value} »` : sug.param === "rayon_km" ? "Chercher partout" : sug.param === "qpv_verifie" ? "Inclure les QPV non vérifiés" : `Retirer « ${labelOf(sug.param, sug.value)} »`}
                        </Link>{" "}
                        <span className="muted">({formatNumber(sug.total)} résultats)</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>
                  Vérifiez l'orthographe ou <Link to="/fournisseurs">parcourez tout l'annuaire</Link>.
                </p>
              )}
            </EmptyState>
          ) : (
            result.hits.map((hit) => (
              <article key={hit.document.id} className="result">
                <h3>
                  <Link to={`/fournisseurs/${hit.document.slug}`}>
                    <Highlight segments={hit.highlights.name} />
                  </Link>
                </h3>
                <p className="muted">
                  {[hit.document.categoryLabels.join(", "), hit.document.communeName, hit.distanceKm !== null ? `à ${hit.distanceKm.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} km` : null]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <p>
                  <Highlight segments={hit.highlights.description} />
                </p>
                <p>
                  <QpvBadge status={hit.document.qpvStatus} qpvName={hit.document.qpvName} /> {hit.document.labelNames.map((l) => <Badge key={l} tone="info">{l}</Badge>)}
                </p>
              </article>
            ))
          )}
          {result.pages > 1 ? (
            <nav className="pagination" aria-label="Pages de résultats">
              {result.page > 1 ? <Link to={pageHref(params, result.page - 1)}>← Page précédente</Link> : null}
              <span>
                Page {result.page} sur {result.pages}
              </span>
              {result.page < result.pages ? <Link to={pageHref(params, result.page + 1)}>Page suivante →</Link> : null}
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}
