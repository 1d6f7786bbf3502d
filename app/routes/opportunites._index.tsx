import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/EmptyState";
import { OpportunityFilters, OpportunityKanban, OpportunityTable } from "~/components/opportunities/OpportunityViews";
import { requireUser } from "~/modules/accounts/guards.server";
import { ownScopes } from "~/modules/opportunities/access.server";
import { listOpportunities } from "~/modules/opportunities/opportunities.server";
import { filtersFromUrl } from "~/modules/opportunities/schemas";
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
      <OpportunityFilters filters={filters} view={view} search={search} org={acting.slug} />
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
