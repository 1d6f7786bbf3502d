import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, TextField } from "~/components/Field";
import { resetPassword } from "~/modules/accounts/accounts.server";
import { ResetPasswordSchema } from "~/modules/accounts/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Nouveau mot de passe — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await resetPassword(submission.value);
  } catch (error) {
    return refusedForm(submission, error, { hideFields: ["password"] });
  }
  return redirectWithFlash("/connexion", { type: "success", message: "Votre mot de passe a été changé. Connectez-vous avec le nouveau." });
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { token },
  });
  return (
    <div className="narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormError message={[...(form.errors ?? []), ...(fields.token.errors ?? [])].join(" ") || null} />
        <input {...getInputProps(fields.token, { type: "hidden" })} />
        <TextField
          label="Nouveau mot de passe"
          hint="Au moins 10 caractères."
          autoComplete="new-password"
          errors={fields.password.errors}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <Button type="submit">Enregistrer</Button>
      </Form>
    </div>
  );
}
