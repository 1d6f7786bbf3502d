import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, SelectField, TextField } from "~/components/Field";
import { SurveyAnswerSchema } from "~/modules/followups/schemas";
import { answerSurvey, readSurvey, type SurveyAnswerInput } from "~/modules/followups/surveys.server";
import { LOST_REASONS } from "~/modules/opportunities/stages";
import { DomainError } from "~/lib/errors";
import { invalidForm, parseForm } from "~/lib/forms.server";
import { policies } from "~/lib/policy";

/** Public: the survey link in the mail works without signing in (a single-use token, hashed in the database). */
export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Suivi de votre mise en relation — Proxima" }, { name: "robots", content: "noindex" }];

const usedMessage = "Vous avez déjà répondu à cette enquête : ce lien ne sert qu'une fois. Merci, votre réponse a été prise en compte.";
const unknownMessage = "Ce lien d'enquête n'existe pas ou a expiré (il est valable 60 jours).";

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await readSurvey(params.token ?? "", new Date());
  if (view.state === "unknown") return data({ view, message: unknownMessage }, { status: 404 });
  if (view.state === "used") return data({ view, message: usedMessage }, { status: 410 });
  return data({ view, message: null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const now = new Date();
  const view = await readSurvey(token, now);
  if (view.state === "unknown") return data({ done: null, message: unknownMessage, result: undefined }, { status: 404 });
  if (view.state === "used") return data({ done: null, message: usedMessage, result: undefined }, { status: 410 });
  const { submission } = await parseForm(request, SurveyAnswerSchema);
  if (submission.status !== "success") return invalidForm(submission, { done: null, message: null });
  const v = submission.value;
  const input: SurveyAnswerInput = v.answer === "yes" ? { answer: "yes", amountCents: v.amount! } : v.answer === "no" ? { answer: "no", lostReason: v.reason! } : { answer: "not_yet" };
  try {
    const { outcome } = await answerSurvey(token, input, now);
    return data({ done: outcome, message: null, result: undefined });
  } catch (error) {
    if (error instanceof DomainError) return data({ done: null, message: error.message, result: undefined }, { status: error.status });
    throw error;
  }
}

const thanks = {
  won: "Merci ! Bravo pour cette affaire : elle est enregistrée comme gagnée, avec son montant.",
  lost: "Merci, votre réponse est enregistrée. Elle aide le club à comprendre ce qui freine les affaires.",
  noted: "Merci, votre réponse est enregistrée. Nous reviendrons vers vous plus tard.",
} as const;

export default function SurveyPage() {
  const { view, message } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "survey",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SurveyAnswerSchema }),
    shouldValidate: "onSubmit",
  });
  if (actionData?.done) {
    return (
      <div className="narrow">
        <h1>Merci</h1>
        <p role="status">{thanks[actionData.done]}</p>
      </div>
    );
  }
  if (view.state !== "open") {
    return (
      <div className="narrow">
        <h1>Suivi de votre mise en relation</h1>
        <p role="status">{message}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Cela a-t-il débouché sur une affaire ?</h1>
      <p>
        {view.sentence} C'était il y a {view.offsetDays} jours.
      </p>
      <FormError message={actionData?.message ?? form.errors?.join(" ")} />
      <Form method="post" {...getFormProps(form)}>
        <fieldset>
          <legend>Oui, une affaire a été conclue</legend>
          <TextField label="Montant de l'affaire (euros HT)" hint="Par exemple 12 500." inputMode="decimal" errors={fields.amount.errors} {...getInputProps(fields.amount, { type: "text" })} />
          <Button type="submit" name="answer" value="yes">
            Oui
          </Button>
        </fieldset>
        <fieldset>
          <legend>Pas encore</legend>
          <p>Les discussions continuent, ou rien n'est décidé.</p>
          <Button type="submit" name="answer" value="not_yet" variant="secondary">
            Pas encore
          </Button>
        </fieldset>
        <fieldset>
          <legend>Non, pas d'affaire</legend>
          <SelectField
            label="Pour quelle raison ?"
            errors={fields.reason.errors}
            options={[{ value: "", label: "Choisissez une raison" }, ...LOST_REASONS.map((r) => ({ value: r.value, label: r.label }))]}
            {...getSelectProps(fields.reason)}
          />
          <Button type="submit" name="answer" value="no" variant="secondary">
            Non
          </Button>
        </fieldset>
      </Form>
    </div>
  );
}
