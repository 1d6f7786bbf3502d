import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { EmptyState } from "~/components/EmptyState";
import { SelectField, TextField } from "~/components/Field";
import { OpportunityKanban, OpportunityTable } from "~/components/opportunities/OpportunityViews";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { listOpportunities } from "~/modules/opportunities/opportunities.server";
import { filtersFromUrl } from "~/modules/opportunities/schemas";
import { OPPORTUNITY_STAGES, stageLabels } from "~/modules/opportunities/stages";
import { policies } from "~/lib/policy";
import { withParam } from "~/lib/url";

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
  const params = new URLSearchParams(search);
  const hrefOf = (id: string) => `/opportunites/${id}`;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link> · <Link to={`/clubs/${club.slug}/suivi`}>Séances de suivi</Link>
      </p>
      <h1>Opportunités des participants du club</h1>
      <Form method="get" aria-label="Filtrer les opportunités">
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
          <TextField label="Rechercher" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <input type="hidden" name="vue" value={view} />
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      <p>
        Affichage : {view === "kanban" ? <Link to={withParam(params, "vue", "liste")}>liste</Link> : <strong>liste</strong>} ·{" "}
        {view === "kanban" ? <strong>tableau par étape</strong> : <Link to={withParam(params, "vue", "kanban")}>tableau par étape</Link>}
      </p>
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
