import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { NeedStatusBadge } from "~/components/needs/NeedStatusBadge";
import { EmptyState } from "~/components/EmptyState";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { listNeedsForBuyer } from "~/modules/needs/needs.server";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;
export const meta: MetaFunction = () => [{ title: "Mes besoins d'achat — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  return { organisationName: organisation.name, needs: await listNeedsForBuyer(organisation.organisationId) };
}

export default function BuyerNeeds() {
  const { organisationName, needs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Besoins d'achat de {organisationName}</h1>
      <p>
        <Link to="/acheteur/besoins/nouveau" className="button button-primary">
          Publier un nouveau besoin
        </Link>
      </p>
      {needs.length === 0 ? (
        <EmptyState title="Vous n'avez encore publié aucun besoin.">
          <p>Décrivez ce que vous achetez : Proxima le propose aux entreprises des quartiers qui peuvent y répondre.</p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Vos besoins"
          rowKey={(n) => n.id}
          rows={needs}
          columns={[
            { header: "Besoin", cell: (n) => <Link to={`/acheteur/besoins/${n.id}`}>{n.title}</Link> },
            { header: "Statut", cell: (n) => <NeedStatusBadge status={n.status} /> },
            { header: "Club", cell: (n) => n.clubName },
            { header: "Réponse avant le", cell: (n) => (n.responseDeadline ? formatDate(`${n.responseDeadline}T12:00:00Z`) : "") },
            { header: "Fournisseurs prévenus", cell: (n) => n.matched, numeric: true },
            { header: "Réponses", cell: (n) => n.answers, numeric: true },
          ]}
        />
      )}
    </>
  );
}
