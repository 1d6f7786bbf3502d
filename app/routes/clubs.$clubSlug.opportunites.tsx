import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/EmptyState";
import { OpportunityFilters, OpportunityKanban, OpportunityTable } from "~/components/opportunities/OpportunityViews";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { listOpportunities } from "~/modules/opportunities/opportunities.server";
import { filtersFromUrl } from "~/modules/opportunities/schemas";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Opportunités du club — Proxima" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const url = new URL(request.url);
  const filters = filtersFromUrl(url);
  const items = await listOpportunities({ kind: "club", clubId: club.id }, filters);
  return { club, items, filters: filters.raw, view: filters.view, search: url.search };
}

export default function ClubOpportunities() {
  const { club, items, filters, view, search } = useLoaderData<typeof loader>();
  const hrefOf = (id: string) => `/opportunites/${id}`;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link> · <Link to={`/clubs/${club.slug}/suivi`}>Séances de suivi</Link>
      </p>
      <h1>Opportunités des participants du club</h1>
      <OpportunityFilters filters={filters} view={view} search={search} />
      {items.length === 0 ? (
        <EmptyState title="Aucune opportunité pour ces critères." />
      ) : view === "kanban" ? (
        <OpportunityKanban items={items} hrefOf={hrefOf} />
      ) : (
        <OpportunityTable items={items} caption={`${items.length} opportunité${items.length > 1 ? "s" : ""} du club`} hrefOf={hrefOf} />
      )}
    </>
  );
}
