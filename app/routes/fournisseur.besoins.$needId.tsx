import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, TextAreaField, TextField } from "~/components/Field";
import { NeedSummary } from "~/components/needs/NeedViews";
import { requireSupplier } from "~/modules/accounts/guards.server";
import { answerInterested, declineNeed, needForSupplier } from "~/modules/needs/answers.server";
import { orResponse } from "~/modules/needs/edge.server";
import { AnswerSchema } from "~/modules/needs/schemas";
import { categoryLabel } from "~/modules/suppliers/categories";
import { labelText } from "~/modules/suppliers/labels";
import { supplierOfOrganisation } from "~/modules/suppliers/profile.server";
import { DomainError } from "~/lib/errors";
import { formatDate, formatEuros } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.supplier;
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.need.title ?? "Besoin"} — Proxima` }];

async function currentSupplier(request: Request) {
  const { user, organisation } = await requireSupplier(request);
  const supplier = await supplierOfOrganisation(organisation.organisationId);
  if (!supplier) throw new Response("Créez d'abord la fiche de votre entreprise.", { status: 404 });
  return { user, supplier };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supplier } = await currentSupplier(request);
  return orResponse(needForSupplier({ supplierId: supplier.id, needId: params.needId ?? "" }));
}

/** The answer form carries an optional PDF quote: multipart, 5 MB at most per part. */
async function readForm(request: Request): Promise<{ formData: FormData; quote: { bytes: Uint8Array; filename: string | null } | null }> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return { formData: await request.formData(), quote: null };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: 5 * 1_048_576 }));
  } catch {
    throw new DomainError("invalid", "Le devis dépasse 5 Mo.", { field: "quote" });
  }
  const file = formData.get("quote");
  formData.delete("quote");
  const quote = file instanceof Blob && file.size > 0 ? { bytes: new Uint8Array(await file.arrayBuffer()), filename: (file as File).name || null } : null;
  return { formData, quote };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, supplier } = await currentSupplier(request);
  const needId = params.needId ?? "";
  let read;
  try {
    read = await readForm(request);
  } catch (error) {
    const submission = parseWithZod(new FormData(), { schema: AnswerSchema });
    return refusedForm(submission, error);
  }
  const submission = parseWithZod(read.formData, { schema: AnswerSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const v = submission.value;
  try {
    if (v.intent === "interested") {
      await answerInterested({ supplierId: supplier.id, supplierOrgId: supplier.organisationId, actorId: user.id, needId, message: v.message!, answers: v.answers, quoteAmountCents: v.quoteAmount, quote: read.quote });
    } else {
      await declineNeed({ supplierId: supplier.id, needId, reason: v.reason! });
    }
  } catch (error) {
    return refusedForm(submission, error);
  }
  const message = v.intent === "interested" ? "Réponse envoyée : l'acheteur est prévenu." : "C'est noté : merci d'avoir répondu.";
  return redirectWithFlash(`/fournisseur/besoins/${needId}`, { type: "success", message });
}

export default function SupplierNeed() {
  const { need, buyerName, communeName, postalCode, status, questions, attachments, answer, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error ?? null;
  const e = (name: string) => errors?.[name] ?? undefined;
  const intent = (actionData?.result?.initialValue as { intent?: string } | undefined)?.intent;
  const place = communeName ? `${communeName}${postalCode ? ` (${postalCode})` : ""}` : null;
  return (
    <>
      <p>
        <Link to="/fournisseur/besoins">← Besoins pour vous</Link>
      </p>
      <h1>{need.title}</h1>
      <p className="muted">Publié par {buyerName}{need.publishedAt ? ` le ${formatDate(need.publishedAt)}` : ""}</p>
      {status?.reasons.length ? (
        <Card title={`Pourquoi ce besoin vous correspond (score ${status.score}/100)`}>
          <ul>
            {status.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <NeedSummary need={need} place={place} categoryLabel={categoryLabel} labelLabel={labelText} attachments={attachments} fileHref={(id) => `/fournisseur/besoins/${need.id}/fichiers/${id}`} />
      {status?.interestedAt && answer ? (
        <Card title="Votre réponse">
          <p>Vous avez répondu « intéressé » le {formatDate(status.interestedAt)}{answer.quoteAmountCents !== null ? `, devis de ${formatEuros(answer.quoteAmountCents / 100)}` : ""}.</p>
          {status.selectedAt ? <p><strong>L'acheteur vous a retenu.</strong></p> : status.shortlistedAt ? <p>L'acheteur vous a présélectionné.</p> : null}
        </Card>
      ) : null}
      {status?.declinedAt ? <p>Vous avez indiqué ne pas être intéressé : « {status.declineReason} ».</p> : null}
      {!open ? <p>Ce besoin n'accepte plus de réponses.</p> : null}
      {open ? (
        <>
          <FormError message={e("")?.join(" ") ?? null} />
          <Card title={status?.interestedAt ? "Modifier votre réponse" : "Je suis intéressé"}>
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="intent" value="interested" />
              <TextAreaField label="Votre message à l'acheteur" name="message" rows={5} defaultValue={answer?.message ?? ""} errors={intent === "interested" ? e("message") : undefined} required />
              {questions.map((q, i) => (
                <TextAreaField key={q.id} label={q.text} name={`answers[${i}]`} id={`answer-${i}`} rows={2} defaultValue={answer?.answers[i]?.answer ?? ""} errors={e(`answers[${i}]`)} required />
              ))}
              <TextField label="Montant du devis en euros (facultatif)" name="quoteAmount" inputMode="decimal" errors={e("quoteAmount")} />
              <TextField label="Devis en PDF (facultatif, 5 Mo au plus)" name="quote" type="file" accept="application/pdf" errors={e("quote")} />
              <Button type="submit">Envoyer ma réponse</Button>
            </Form>
          </Card>
          {status?.declinedAt ? null : (
            <Card title="Pas intéressé">
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="declined" />
                <TextField label="Motif" name="reason" errors={intent === "declined" ? e("reason") : undefined} hint="Par exemple : pas disponible, trop loin, hors de notre métier." />
                <Button type="submit" variant="secondary">
                  Je ne suis pas intéressé
                </Button>
              </Form>
            </Card>
          )}
        </>
      ) : null}
    </>
  );
}
