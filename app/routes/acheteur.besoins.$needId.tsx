import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError } from "~/components/Field";
import { NeedForm, needValuesFromRaw, type NeedFormValues } from "~/components/needs/NeedForm";
import { NeedStatusBadge } from "~/components/needs/NeedStatusBadge";
import { NeedActions, NeedHistory, NeedSummary, SupplierResponses } from "~/components/needs/NeedViews";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { rankSuppliersForNeed } from "~/modules/matching/matching.server";
import { selectSupplier, setShortlisted, suppliersOfNeed } from "~/modules/needs/answers.server";
import { orResponse } from "~/modules/needs/edge.server";
import { addNeedAttachment, changeNeedStatus, getClubNeedSettings, getNeedForBuyer, listClubsForNeeds, saveNeed } from "~/modules/needs/needs.server";
import { matchInputOfNeed, MAX_REMINDERS, needBatchesView, remindSupplier, sendNextBatch } from "~/modules/needs/notifications.server";
import { NeedBatches } from "~/components/needs/NeedBatches";
import { BuyerActionSchema, NeedFormSchema } from "~/modules/needs/schemas";
import { categoryLabel, listCategories } from "~/modules/suppliers/categories";
import { LABELS, labelText } from "~/modules/suppliers/labels";
import { db } from "../../db/connection";
import { DomainError } from "~/lib/errors";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.need.title ?? "Besoin"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const detail = await orResponse(getNeedForBuyer(organisation.organisationId, params.needId ?? ""));
  const isDraft = detail.need.status === "draft";
  const canPreview = isDraft && detail.need.categories.length > 0 && detail.need.communeInsee;
  return {
    ...detail,
    clubs: isDraft ? await listClubsForNeeds() : [],
    categories: listCategories().map((c) => ({ slug: c.slug, label: c.label })),
    labels: LABELS.map((l) => ({ slug: l.slug, label: l.label })),
    preview: canPreview ? await rankSuppliersForNeed(await matchInputOfNeed(db, detail.need), { limit: 10 }) : [],
    suppliers: isDraft ? [] : await suppliersOfNeed(organisation.organisationId, detail.need.id),
    batches: isDraft ? { batches: [], remaining: null } : await needBatchesView(detail.need),
    batchSize: (await getClubNeedSettings(detail.need.clubId)).notifyBatchSize,
    maxReminders: MAX_REMINDERS,
  };
}

async function readAttachment(request: Request): Promise<{ bytes: Uint8Array; filename: string | null }> {
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 5 * 1_048_576 }));
    const file = form.get("attachment");
    if (!(file instanceof Blob) || file.size === 0) throw new DomainError("invalid", "Choisissez un fichier PDF.", { field: "attachment" });
    return { bytes: new Uint8Array(await file.arrayBuffer()), filename: (file as File).name ?? null };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError("invalid", "Le fichier dépasse 5 Mo.", { field: "attachment" });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireBuyer(request);
  const buyerOrgId = organisation.organisationId;
  const needId = params.needId ?? "";
  const back = `/acheteur/besoins/${needId}`;
  const form = new URL(request.url).searchParams.get("form");
  if (form === "attachment") {
    try {
      await addNeedAttachment({ buyerOrgId, needId, ...(await readAttachment(request)) });
    } catch (error) {
      if (error instanceof DomainError) return data({ attachmentError: error.message, result: undefined }, { status: error.status });
      throw error;
    }
    return redirectWithFlash(back, { type: "success", message: "Pièce jointe ajoutée." });
  }
  if (form === "need") {
    const submission = parseWithZod(await request.formData(), { schema: NeedFormSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      const need = await saveNeed({ buyerOrgId, actorId: user.id, needId, form: submission.value });
      const message = need.status === "draft" ? "Brouillon enregistré." : need.status === "submitted" ? "Besoin soumis au club pour validation." : "Besoin publié.";
      return redirectWithFlash(back, { type: "success", message });
    } catch (error) {
      return refusedForm(submission, error);
    }
  }
  const submission = parseWithZod(await request.formData(), { schema: BuyerActionSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const v = submission.value;
  let message: string;
  try {
    if (v.intent === "shortlist") {
      await setShortlisted({ buyerOrgId, needId, supplierId: v.supplierId, on: v.on });
      message = v.on ? "Fournisseur présélectionné." : "Fournisseur retiré de la présélection.";
    } else if (v.intent === "select") {
      await selectSupplier({ buyerOrgId, needId, supplierId: v.supplierId, amountCents: v.amount!, actorId: user.id });
      message = "Fournisseur retenu.";
    } else if (v.intent === "next-batch") {
      const sent = await sendNextBatch({ scope: { buyerOrgId }, needId, actorId: user.id });
      message = sent > 1 ? `${sent} fournisseurs de plus sont prévenus.` : "1 fournisseur de plus est prévenu.";
    } else if (v.intent === "remind") {
      await remindSupplier({ buyerOrgId, needId, supplierId: v.supplierId });
      message = "Relance envoyée.";
    } else {
      await changeNeedStatus({ buyerOrgId, actorId: user.id, needId, action: v.intent, outcome: v.intent === "award" ? v.outcome : undefined, message: v.intent === "cancel" ? v.message : null });
      message = v.intent === "close" ? "Besoin clos : il n'accepte plus de réponses." : v.intent === "cancel" ? "Besoin annulé." : "Issue enregistrée.";
    }
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(back, { type: "success", message });
}

function editValues(need: ReturnType<typeof useLoaderData<typeof loader>>["need"], commune: string, questions: string[]): NeedFormValues {
  return {
    clubId: need.clubId,
    title: need.title,
    description: need.description,
    categories: need.categories,
    commune,
    perimeterKind: need.perimeterKind,
    radiusKm: need.radiusKm ? String(need.radiusKm) : "",
    departments: need.departments.join(", "),
    budgetBand: need.budgetBand ?? "",
    amount: need.amountCents !== null ? String(need.amountCents / 100) : "",
    responseDeadline: need.responseDeadline ?? "",
    startDate: need.startDate ?? "",
    recurrence: need.recurrence,
    requiredLabels: need.requiredLabels,
    insuranceRequired: need.insuranceRequired,
    referencesRequired: need.referencesRequired,
    requirementsNote: need.requirementsNote ?? "",
    csrIntent: need.csrIntent ?? "",
    questions,
  };
}

export default function BuyerNeed() {
  const { need, communeName, postalCode, clubName, questions, attachments, events, clubs, categories, labels, preview, suppliers, batches, batchSize, maxReminders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  const errors = result?.error ? Object.values(result.error).flat().filter(Boolean).join(" ") : null;
  const place = communeName ? `${communeName}${postalCode ? ` (${postalCode})` : ""}` : null;
  const fileHref = (id: string) => `/acheteur/besoins/${need.id}/fichiers/${id}`;
  const lastChange = [...events].reverse().find((e) => e.action === "changes_requested" || e.action === "rejected");
  return (
    <>
      <p>
        <Link to="/acheteur/besoins">← Mes besoins</Link>
      </p>
      <h1>{need.title}</h1>
      <p>
        <NeedStatusBadge status={need.status} /> · Club : {clubName}
        {need.status !== "draft" ? (
          <>
            {" "}
            · <a href={`/acheteur/besoins/${need.id}.csv`}>Exporter les réponses (CSV)</a>
          </>
        ) : null}
      </p>
      {lastChange?.message && (need.status === "draft" || need.status === "rejected") ? (
        <div className="alert alert-info" role="status">
          Message du club : « {lastChange.message} »
        </div>
      ) : null}
      {need.status === "draft" ? (
        <>
          <NeedForm
            action="?form=need"
            values={result?.initialValue ? needValuesFromRaw(result.initialValue) : editValues(need, place ?? "", questions.map((q) => q.text))}
            errors={result?.error ?? null}
            formError={result?.error?.[""]?.join(" ") ?? null}
            clubs={clubs}
            categories={categories}
            labels={labels}
          />
          <Card title="Pièces jointes (PDF, 5 Mo au plus)">
            {attachments.length ? (
              <ul>
                {attachments.map((a) => (
                  <li key={a.id}>
                    <a href={fileHref(a.id)} download>
                      {a.filename ?? "document.pdf"}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
            <Form method="post" action="?form=attachment" encType="multipart/form-data" className="actions">
              <label htmlFor="attachment">Document PDF</label>
              <input id="attachment" name="attachment" type="file" accept="application/pdf" aria-describedby={actionData && "attachmentError" in actionData ? "attachment-error" : undefined} />
              <Button type="submit" variant="secondary">
                Joindre le document
              </Button>
            </Form>
            {actionData && "attachmentError" in actionData ? (
              <p className="field-error" id="attachment-error" role="alert">
                {actionData.attachmentError}
              </p>
            ) : null}
          </Card>
          <Card title="Aperçu : fournisseurs qui correspondent">
            {preview.length ? (
              <ol>
                {preview.map((p) => (
                  <li key={p.supplierId}>
                    <strong>{p.name}</strong> — score {p.score}/100 : {p.reasons.join(" ; ")}
                  </li>
                ))}
              </ol>
            ) : (
              <p>Choisissez des catégories et une commune pour voir les fournisseurs qui correspondent.</p>
            )}
          </Card>
        </>
      ) : (
        <>
          <NeedSummary need={need} place={place} categoryLabel={categoryLabel} labelLabel={labelText} attachments={attachments} fileHref={fileHref} />
          {questions.length ? (
            <Card title="Vos questions aux fournisseurs">
              <ol>
                {questions.map((q) => (
                  <li key={q.id}>{q.text}</li>
                ))}
              </ol>
            </Card>
          ) : null}
          <NeedBatches batches={batches.batches} remaining={batches.remaining} batchSize={batchSize} />
          <h2>Fournisseurs et réponses</h2>
          <FormError message={errors} />
          <SupplierResponses rows={suppliers} canAct={["published", "closed"].includes(need.status)} maxReminders={maxReminders} fileHref={fileHref} />
          <NeedActions status={need.status} />
        </>
      )}
      <NeedHistory events={events} />
    </>
  );
}
