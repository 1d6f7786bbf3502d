import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/Card";
import { FormError } from "~/components/Field";
import { OpportunityHistory, OpportunitySurveys, OpportunityUpdateForms, StageBadge } from "~/components/opportunities/OpportunityViews";
import { notFound, requireUser } from "~/modules/accounts/guards.server";
import { surveysOf } from "~/modules/followups/surveys.server";
import { applyUpdate, opportunityFor } from "~/modules/opportunities/access.server";
import { OpportunityUpdateSchema } from "~/modules/opportunities/schemas";
import { lostReasonLabel, originLabels } from "~/modules/opportunities/stages";
import { formatDate, formatEuros } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.opportunity.buyerName} × ${data.opportunity.supplierName}` : "Opportunité"} — Proxima` }];

async function load(request: Request, opportunityId: string | undefined) {
  const user = await requireUser(request);
  const found = await opportunityFor(user, opportunityId ?? "");
  if (!found) throw notFound("Cette opportunité n'existe pas ou ne vous concerne pas.");
  return { user, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { opportunity, acting } = await load(request, params.opportunityId);
  // Who receives a survey is the opportunity's business; the addresses stay out of the page.
  const surveys = (await surveysOf(opportunity.id)).map(({ email: _email, ...survey }, key) => ({ ...survey, key }));
  return { opportunity, surveys, actingAs: acting.label, onBehalf: acting.via !== null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, acting, opportunity } = await load(request, params.opportunityId);
  const submission = parseWithZod(await request.formData(), { schema: OpportunityUpdateSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await applyUpdate({ acting, actorId: user.id, opportunityId: opportunity.id, update: submission.value });
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(`/opportunites/${opportunity.id}`, { type: "success", message: submission.value.intent === "note" ? "Note ajoutée." : "Étape enregistrée." });
}

export default function OpportunityPage() {
  const { opportunity: o, surveys, actingAs, onBehalf } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error;
  const formError = errors?.[""]?.join(" ") ?? null;
  return (
    <>
      <p>
        <Link to="/opportunites">← Opportunités</Link>
      </p>
      <h1>
        {o.buyerName} × {o.supplierName}
      </h1>
      <p>
        <StageBadge stage={o.stage} /> · {originLabels[o.origin]}
        {o.needTitle ? ` : ${o.needTitle}` : o.eventTitle ? ` : ${o.eventTitle}` : ""} · ouverte le {formatDate(o.createdAt)}
      </p>
      {onBehalf ? <p className="alert alert-info">Vous mettez à jour cette opportunité pour le compte des participants ({actingAs}).</p> : null}
      <Card title="Où en est l'affaire">
        <dl className="facts">
          <dt>Acheteur</dt>
          <dd>{o.buyerName}</dd>
          <dt>Fournisseur</dt>
          <dd>
            <Link to={`/fournisseurs/${o.supplierSlug}`}>{o.supplierName}</Link>
          </dd>
          {o.stage === "won" && o.contractAmountCents !== null ? (
            <>
              <dt>Contrat</dt>
              <dd>
                {formatEuros(o.contractAmountCents / 100)} HT, signé le {formatDate(o.contractSignedOn)}
                {o.contractRecurring ? ", récurrent" : ""}
                {o.contractDurationMonths ? `, ${o.contractDurationMonths} mois` : ""}
              </dd>
            </>
          ) : null}
          {o.stage === "lost" ? (
            <>
              <dt>Raison</dt>
              <dd>{lostReasonLabel(o.lostReason)}</dd>
            </>
          ) : null}
          <dt>Dernière nouvelle</dt>
          <dd>{formatDate(o.updatedAt)}</dd>
        </dl>
      </Card>
      <FormError message={formError} />
      <OpportunityUpdateForms current={o.stage} errors={errors} />
      <h2>Historique</h2>
      <OpportunityHistory items={o.history} />
      {surveys.length ? <OpportunitySurveys items={surveys} /> : null}
    </>
  );
}
