import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { EmptyState } from "~/components/EmptyState";
import { SelectField, TextField } from "~/components/Field";
import { OpportunityKanban, OpportunityTable } from "~/components/opportunities/OpportunityViews";
import { requireUser } from "~/modules/accounts/guards.server";
import { ownScopes } from "~/modules/opportunities/access.server";
import { listOpportunities } from "~/modules/opportunities/opportunities.server";
import { filtersFromUrl } from "~/modules/opportunities/schemas";
import { OPPORTUNITY_STAGES, stageLabels } from "~/modules/opportunities/stages";
import { withParam } from "~/lib/url";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction = () => [{ title: "Mes opportunités — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const [acting, ...others] = await ownScopes(user, url.searchParams.get("org"));
  const clubs = user.memberships.filter((m) => m.kind === "club").map((m) => ({ slug: m.slug, name: m.name }));
  const filters = filtersFromUrl(url);
  if (!acting) return { acting: null, others: [], clubs, items: [], filters: filters.raw, view: filters.view, search: url.search };
  const items = await listOpportunities(acting.scope, filters);
  return {
    acting: { label: acting.label, slug: acting.organisationSlug ?? null, side: acting.scope.kind },
    others: others.map((o) => ({ label: o.label, slug: o.organisationSlug ?? null })),
    clubs,
    items,
    filters: filters.raw,
    view: filters.view,
    search: url.search,
  };
}

export default function Opportunities() {
  const { acting, others, clubs, items, filters, view, search } = useLoaderData<typeof loader>();
  const params = new URLSearchParams(search);
  if (!acting) {
    return (
      <>
        <h1>Opportunités</h1>
        <EmptyState title="Les opportunités sont celles des entreprises acheteuses et fournisseurs.">
          {clubs.length ? (
            <ul>
              {clubs.map((c) => (
                <li key={c.slug}>
                  <Link to={`/clubs/${c.slug}/suivi`}>Suivi des opportunités du club {c.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </EmptyState>
      </>
    );
  }
  const hrefOf = (id: string) => `/opportunites/${id}`;
  return (
    <>
      <h1>Opportunités de {acting.label}</h1>
      <p>
        Chaque contact avec {acting.side === "buyer" ? "un fournisseur" : "un acheteur"} devient une opportunité : une réponse « intéressé » à un besoin, un rendez-vous tenu lors d'une rencontre, un
        message depuis l'annuaire. Tenez-la à jour jusqu'au contrat.
      </p>
      {others.length ? (
        <p>
          Autres organisations :{" "}
          {others.map((o) => (
            <Link key={o.slug} to={`?org=${o.slug}`}>
              {o.label}
            </Link>
          ))}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filtrer les opportunités">
        {acting.slug ? <input type="hidden" name="org" value={acting.slug} /> : null}
        <div className="grid grid-3">
          <SelectField
            label="Étape"
            name="etape"
            defaultValue={filters.etape ?? ""}
            options={[{ value: "", label: "Toutes" }, { value: "ouvertes", label: "En cours" }, ...OPPORTUNITY_STAGES.map((s) => ({ value: s, label: stageLabels[s] }))]}
          />
          <SelectField
            label="Origine"
            name="origine"
            defaultValue={filters.origine ?? ""}
            options={[
              { value: "", label: "Toutes" },
              { value: "need", label: "Besoin publié" },
              { value: "event", label: "Rencontre" },
              { value: "directory", label: "Annuaire" },
            ]}
          />
          <TextField label="Rechercher" name="q" type="search" defaultValue={filters.q ?? ""} hint="Entreprise, besoin ou rencontre." />
        </div>
        <input type="hidden" name="vue" value={view} />
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      <p>
        Affichage :{" "}
        {view === "kanban" ? <Link to={withParam(params, "vue", "liste")}>liste</Link> : <strong>liste</strong>} ·{" "}
        {view === "kanban" ? <strong>tableau par étape</strong> : <Link to={withParam(params, "vue", "kanban")}>tableau par étape</Link>}
      </p>
      {items.length === 0 ? (
        <EmptyState title="Aucune opportunité pour ces critères." />
      ) : view === "kanban" ? (
        <OpportunityKanban items={items} hrefOf={hrefOf} />
      ) : (
        <OpportunityTable items={items} caption={`${items.length} opportunité${items.length > 1 ? "s" : ""}`} hrefOf={hrefOf} />
      )}
    </>
  );
}
