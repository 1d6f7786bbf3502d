import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { FormError, TextAreaField, TextField } from "~/components/Field";
import { NeedStatusBadge } from "~/components/needs/NeedStatusBadge";
import { NeedSummary } from "~/components/needs/NeedViews";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { decideNeed, getClubNeedSettings, needsAwaitingApproval, recentClubNeeds, updateClubNeedSettings } from "~/modules/needs/needs.server";
import { sendNextBatch } from "~/modules/needs/notifications.server";
import { ClubNeedSettingsSchema, ModerationSchema, NextBatchSchema } from "~/modules/needs/schemas";
import { categoryLabel } from "~/modules/suppliers/categories";
import { labelText } from "~/modules/suppliers/labels";
import { formatDate } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Besoins du club — Proxima" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const [pending, recent, settings] = await Promise.all([needsAwaitingApproval(club.id), recentClubNeeds(club.id), getClubNeedSettings(club.id)]);
  return { club, pending, recent, settings };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const back = `/clubs/${club.slug}/besoins`;
  if (new URL(request.url).searchParams.get("form") === "settings") {
    const submission = parseWithZod(await request.formData(), { schema: ClubNeedSettingsSchema });
    if (submission.status !== "success") return invalidForm(submission, { form: "settings" });
    await updateClubNeedSettings({ clubId: club.id, actorId: user.id, ...submission.value });
    return redirectWithFlash(back, { type: "success", message: "Règles du club enregistrées." });
  }
  if (new URL(request.url).searchParams.get("form") === "batch") {
    const submission = parseWithZod(await request.formData(), { schema: NextBatchSchema });
    if (submission.status !== "success") return invalidForm(submission, { form: "moderation" });
    let sent: number;
    try {
      sent = await sendNextBatch({ scope: { clubId: club.id }, needId: submission.value.needId, actorId: user.id });
    } catch (error) {
      return refusedForm(submission, error, { extra: { form: "moderation" } });
    }
    return redirectWithFlash(back, { type: "success", message: sent > 1 ? `${sent} fournisseurs de plus sont prévenus.` : "1 fournisseur de plus est prévenu." });
  }
  const submission = parseWithZod(await request.formData(), { schema: ModerationSchema });
  if (submission.status !== "success") return invalidForm(submission, { form: "moderation" });
  try {
    await decideNeed({ clubId: club.id, actorId: user.id, ...submission.value });
  } catch (error) {
    return refusedForm(submission, error, { extra: { form: "moderation" } });
  }
  const messages = { approve: "Besoin validé et publié : les fournisseurs correspondants sont prévenus.", changes: "Demande de modifications envoyée à l'acheteur.", reject: "Besoin refusé ; l'acheteur est prévenu." };
  return redirectWithFlash(back, { type: "success", message: messages[submission.value.decision] });
}

export default function ClubNeeds() {
  const { club, pending, recent, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error;
  const isSettings = actionData && "form" in actionData && actionData.form === "settings";
  const moderationError = !isSettings && errors ? Object.values(errors).flat().filter(Boolean).join(" ") : null;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link> · <Link to={`/clubs/${club.slug}/potentiel`}>Potentiel local</Link>
      </p>
      <h1>Besoins d'achat du club</h1>
      <h2>À valider</h2>
      <FormError message={moderationError} />
      {pending.length === 0 ? <EmptyState title="Aucun besoin n'attend votre validation." /> : null}
      {pending.map(({ need, buyerName, communeName, postalCode }) => (
        <section key={need.id} aria-labelledby={`need-${need.id}`} className="card">
          <h3 id={`need-${need.id}`}>
            {need.title} <span className="muted">— {buyerName}, soumis le {formatDate(need.submittedAt)}</span>
          </h3>
          <NeedSummary need={need} place={communeName ? `${communeName} (${postalCode ?? ""})` : null} categoryLabel={categoryLabel} labelLabel={labelText} attachments={[]} fileHref={() => "#"} />
          <div className="grid grid-2">
            <Form method="post">
              <input type="hidden" name="needId" value={need.id} />
              <input type="hidden" name="decision" value="approve" />
              <Button type="submit">Valider et publier « {need.title} »</Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="needId" value={need.id} />
              <TextAreaField label="Message à l'acheteur" name="message" id={`message-${need.id}`} rows={3} hint="Obligatoire pour demander des modifications ou refuser." />
              <div className="actions">
                <Button type="submit" name="decision" value="changes" variant="secondary">
                  Demander des modifications
                </Button>
                <Button type="submit" name="decision" value="reject" variant="danger">
                  Refuser
                </Button>
              </div>
            </Form>
          </div>
        </section>
      ))}
      <Card title="Règles du club pour les besoins">
        <Form method="post" action="?form=settings" noValidate>
          <label className="checkbox">
            <input type="checkbox" name="approvalRequired" defaultChecked={settings.approvalRequired} />
            Valider chaque besoin avant sa publication
          </label>
          <TextField
            label="Fournisseurs prévenus par besoin"
            name="notifyBatchSize"
            type="number"
            inputMode="numeric"
            defaultValue={settings.notifyBatchSize}
            errors={isSettings ? (errors?.notifyBatchSize ?? undefined) : undefined}
            hint="Les mieux classés au-dessus du seuil de correspondance reçoivent le besoin."
          />
          <Button type="submit" variant="secondary">
            Enregistrer les règles
          </Button>
        </Form>
      </Card>
      <Card title="Besoins récents">
        {recent.length === 0 ? (
          <p>Aucun besoin publié dans le club pour le moment.</p>
        ) : (
          <ul>
            {recent.map((n) => (
              <li key={n.id}>
                {n.title} <NeedStatusBadge status={n.status} />
                {n.status === "published" ? (
                  <Form method="post" action="?form=batch" className="inline-form">
                    <input type="hidden" name="needId" value={n.id} />
                    <Button type="submit" variant="secondary">
                      Prévenir les fournisseurs suivants pour « {n.title} »
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
