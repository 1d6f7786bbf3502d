import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, TextField } from "~/components/Field";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { ResetRequestSchema } from "~/modules/accounts/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { clientIp, redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Mot de passe oublié — Proxima" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, ResetRequestSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await requestPasswordReset({ email: submission.value.email, ip: clientIp(context) });
  } catch (error) {
    return refusedForm(submission, error);
  }
  // The same words whether or not the address has an account.
  return redirectWithFlash("/connexion", {
    type: "info",
    message: "Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé.",
  });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetRequestSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>Mot de passe oublié</h1>
      <p>Indiquez l'adresse de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormError message={form.errors?.join(" ")} />
        <TextField label="Adresse e-mail" autoComplete="email" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} />
        <Button type="submit">Envoyer le lien</Button>
      </Form>
    </div>
  );
}
