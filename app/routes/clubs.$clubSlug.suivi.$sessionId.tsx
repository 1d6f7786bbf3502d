import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/EmptyState";
import { FormError } from "~/components/Field";
import { OpportunityUpdateForms, StageBadge } from "~/components/opportunities/OpportunityViews";
import { notFound, requireClubAnimator } from "~/modules/accounts/guards.server";
import { applyUpdate } from "~/modules/opportunities/access.server";
import { followUpSessionView } from "~/modules/opportunities/follow-up.server";
import { OpportunityUpdateSchema } from "~/modules/opportunities/schemas";
import { originLabels, stageLabels } from "~/modules/opportunities/stages";
import { DomainError } from "~/lib/errors";
import { formatDate, formatDateTime, formatEuros } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.view.session.title ?? "Séance de suivi"} — Proxima` }];

async function sessionOf(clubId: string, sessionId: string | undefined) {
  try {
    return await followUpSessionView({ clubId, sessionId: sessionId ?? "" });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw notFound(error.message);
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  return { club, view: await sessionOf(club.id, params.sessionId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const { session } = await sessionOf(club.id, params.sessionId);
  const submission = parseWithZod(await request.formData(), { schema: OpportunityUpdateSchema });
  if (submission.status !== "success" || !submission.value.opportunityId) return invalidForm(submission, { opportunityId: submission.payload.opportunityId ?? null });
  const opportunityId = submission.value.opportunityId;
  try {
    await applyUpdate({
      acting: { scope: { kind: "club", clubId: club.id }, label: club.name, via: null },
      actorId: user.id,
      opportunityId,
      update: submission.value,
      via: `Séance de suivi « ${session.title} »`,
    });
  } catch (error) {
    return refusedForm(submission, error, { extra: { opportunityId } });
  }
  return redirectWithFlash(`/clubs/${club.slug}/suivi/${session.id}#o-${opportunityId}`, { type: "success", message: "Nouvelle enregistrée." });
}

export default function FollowUpSessionPage() {
  const { club, view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failedId = actionData && "opportunityId" in actionData ? actionData.opportunityId : null;
  const errors = actionData?.result?.error;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}/suivi`}>← Séances de suivi</Link>
      </p>
      <h1>{view.session.title}</h1>
      <p>
        Ouverte le {formatDateTime(view.session.heldAt)}.{" "}
        {view.previous ? `Changements depuis la séance du ${formatDate(view.previous.heldAt)} (« ${view.previous.title} »).` : "Première séance : tout l'historique est repris."}{" "}
        <a href={`/clubs/${club.slug}/suivi/${view.session.id}.csv`} download>
          Exporter la liste (CSV)
        </a>
      </p>
      {view.participants.length === 0 ? <EmptyState title="Aucune opportunité en cours parmi les participants du club." /> : null}
      {view.participants.map((p) => (
        <section key={p.key} aria-labelledby={`p-${p.key}`} className="card">
          <h2 id={`p-${p.key}`}>
            {p.name} <span className="muted">— {p.side === "buyer" ? "acheteur" : "fournisseur"}</span>
          </h2>
          <ul>
            {p.opportunities.map((o) => {
              const other = p.side === "buyer" ? o.supplierName : o.buyerName;
              const formId = `${p.key}-${o.id}`;
              return (
                <li key={o.id} id={p.side === "supplier" ? `o-${o.id}` : undefined}>
                  <p>
                    <Link to={`/opportunites/${o.id}`}>Avec {other}</Link> · <StageBadge stage={o.stage} /> · {originLabels[o.origin]}
                    {o.needTitle ? ` : ${o.needTitle}` : o.eventTitle ? ` : ${o.eventTitle}` : ""}
                    {o.stage === "won" && o.contractAmountCents !== null ? ` · ${formatEuros(o.contractAmountCents / 100)} HT` : ""}
                  </p>
                  {o.changes.length ? (
                    <ul className="history">
                      {o.changes.map((c, i) => (
                        <li key={i}>
                          {formatDate(c.createdAt)} —{" "}
                          {c.kind === "created" ? "ouverte" : c.kind === "stage" ? `${c.fromStage ? stageLabels[c.fromStage] : ""} → ${c.toStage ? stageLabels[c.toStage] : ""}` : c.kind === "contract" ? "contrat mis à jour" : "note"}
                          {c.note ? ` : ${c.note}` : ""}
                          {c.actorName ? <span className="muted"> ({c.actorName})</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">Pas de changement depuis la séance précédente.</p>
                  )}
                  <details open={failedId === o.id}>
                    <summary>Noter une nouvelle pour {p.name}</summary>
                    {failedId === o.id ? <FormError message={errors?.[""]?.join(" ") ?? "Vérifiez les champs signalés."} /> : null}
                    <OpportunityUpdateForms opportunityId={o.id} current={o.stage} idPrefix={formId} errors={failedId === o.id ? errors : undefined} />
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
