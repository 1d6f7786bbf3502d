import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { requireSupplier } from "~/modules/accounts/guards.server";
import { needsForSupplier } from "~/modules/matching/matching.server";
import { otherOpenNeeds, supplierSteps } from "~/modules/needs/answers.server";
import { budgetBandLabel } from "~/modules/needs/schemas";
import { supplierOfOrganisation } from "~/modules/suppliers/profile.server";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.supplier;
export const meta: MetaFunction = () => [{ title: "Besoins pour vous — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireSupplier(request);
  const supplier = await supplierOfOrganisation(organisation.organisationId);
  if (!supplier) return { hasProfile: false as const, feed: [], others: [], steps: {} };
  const feed = await needsForSupplier(supplier.id);
  const [others, steps] = await Promise.all([otherOpenNeeds({ excludeIds: feed.map((f) => f.needId) }), supplierSteps(supplier.id)]);
  return { hasProfile: true as const, feed, others, steps };
}

const deadline = (value: string | null) => (value ? `réponse avant le ${formatDate(`${value}T12:00:00Z`)}` : null);

type Step = { notifiedAt: unknown; viewedAt: unknown; interestedAt: unknown; declinedAt: unknown } | undefined;

function StepBadge({ step }: { step: Step }) {
  if (step?.interestedAt) return <Badge tone="success">Vous avez répondu</Badge>;
  if (step?.declinedAt) return <Badge tone="neutral">Pas intéressé</Badge>;
  if (step?.notifiedAt && !step.viewedAt) return <Badge tone="info">Nouveau</Badge>;
  return null;
}

export default function SupplierFeed() {
  const { hasProfile, feed, others, steps } = useLoaderData<typeof loader>();
  if (!hasProfile) {
    return (
      <>
        <h1>Besoins pour vous</h1>
        <EmptyState title="Créez d'abord la fiche de votre entreprise.">
          <p>
            Les besoins des acheteurs vous sont proposés d'après vos catégories et votre zone d'intervention : <Link to="/fournisseur/profil">créer ma fiche</Link>.
          </p>
        </EmptyState>
      </>
    );
  }
  const stepOf = (needId: string) => (steps as Record<string, Step>)[needId];
  return (
    <>
      <h1>Besoins pour vous</h1>
      <p>Les besoins ouverts qui correspondent à votre activité et à votre zone, les plus proches de votre fiche d'abord.</p>
      {feed.length === 0 ? <EmptyState title="Aucun besoin ouvert ne correspond à votre fiche pour le moment." /> : null}
      {feed.map((n) => (
        <Card key={n.needId} headingLevel={2} title={<Link to={`/fournisseur/besoins/${n.needId}`}>{n.title}</Link>} actions={<StepBadge step={stepOf(n.needId)} />}>
          <p className="muted">{[n.buyerName, n.communeName, budgetBandLabel(n.budgetBand), deadline(n.responseDeadline)].filter(Boolean).join(" · ")}</p>
          <p>
            <Badge tone="info">Score {n.score}/100</Badge>
          </p>
          <ul aria-label={`Pourquoi « ${n.title} » vous correspond`}>
            {n.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Card>
      ))}
      <h2>Autres besoins ouverts</h2>
      {others.length === 0 ? (
        <p>Aucun autre besoin ouvert.</p>
      ) : (
        <ul>
          {others.map((n) => (
            <li key={n.id}>
              <Link to={`/fournisseur/besoins/${n.id}`}>{n.title}</Link> <span className="muted">({[n.buyerName, n.communeName, deadline(n.responseDeadline)].filter(Boolean).join(" · ")})</span> <StepBadge step={stepOf(n.id)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
