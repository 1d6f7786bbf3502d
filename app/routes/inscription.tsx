import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, TextField } from "~/components/Field";
import { signUp } from "~/modules/accounts/accounts.server";
import { safeRedirect } from "~/modules/accounts/session.server";
import { SignupSchema } from "~/modules/accounts/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { clientIp, redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";
import { withRedirectTo } from "~/lib/url";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Créer un compte — Proxima" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, SignupSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await signUp({ ...submission.value, ip: clientIp(context) });
  } catch (error) {
    return refusedForm(submission, error, { hideFields: ["password"] });
  }
  return redirectWithFlash(withRedirectTo("/connexion", safeRedirect(submission.value.redirectTo, "")), {
    type: "success",
    message: `Vérifiez votre boîte mail : un lien de confirmation a été envoyé à ${submission.value.email}.`,
  });
}

export default function Signup() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { accountKind: "supplier" },
  });
  return (
    <div className="narrow">
      <h1>Créer un compte</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormError message={form.errors?.join(" ")} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField label="Votre nom" autoComplete="name" errors={fields.displayName.errors} {...getInputProps(fields.displayName, { type: "text" })} />
        <TextField label="Adresse e-mail" autoComplete="email" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} />
        <TextField
          label="Mot de passe"
          hint="Au moins 10 caractères."
          autoComplete="new-password"
          errors={fields.password.errors}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <fieldset aria-describedby={fields.accountKind.errors ? fields.accountKind.errorId : undefined}>
          <legend>Vous êtes</legend>
          {[
            { value: "supplier", label: "Une entreprise d'un quartier prioritaire (fournisseur)" },
            { value: "buyer", label: "Une entreprise acheteuse (signataire du PAQTE)" },
            { value: "none", label: "Invité(e) à rejoindre une organisation" },
          ].map((o) => (
            <label className="checkbox" key={o.value}>
              <input type="radio" name={fields.accountKind.name} value={o.value} defaultChecked={fields.accountKind.initialValue === o.value} />
              {o.label}
            </label>
          ))}
          {fields.accountKind.errors ? (
            <p className="field-error" id={fields.accountKind.errorId}>
              {fields.accountKind.errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label="Nom de votre entreprise"
          hint="Laissez vide si vous rejoignez une organisation sur invitation."
          autoComplete="organization"
          errors={fields.organisationName.errors}
          {...getInputProps(fields.organisationName, { type: "text" })}
        />
        <Button type="submit">Créer mon compte</Button>
      </Form>
      <p>
        Déjà un compte ? <Link to={withRedirectTo("/connexion", searchParams.get("redirectTo"))}>Se connecter</Link>
      </p>
    </div>
  );
}
