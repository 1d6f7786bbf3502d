import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, TextField } from "~/components/Field";
import { logIn } from "~/modules/accounts/accounts.server";
import { LoginSchema } from "~/modules/accounts/schemas";
import { getSessionUser, safeRedirect, sessionIdFrom } from "~/modules/accounts/session.server";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { clientIp } from "~/lib/http.server";
import { policies } from "~/lib/policy";
import { withRedirectTo } from "~/lib/url";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Connexion — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/tableau-de-bord");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, LoginSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const { sessionCookie } = await logIn({
      email: submission.value.email,
      password: submission.value.password,
      ip: clientIp(context),
      previousSessionId: sessionIdFrom(request),
    });
    return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": sessionCookie } });
  } catch (error) {
    return refusedForm(submission, error, { hideFields: ["password"] });
  }
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>Connexion</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormError message={form.errors?.join(" ")} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField label="Adresse e-mail" autoComplete="email" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} />
        <TextField
          label="Mot de passe"
          autoComplete="current-password"
          errors={fields.password.errors}
          {...getInputProps(fields.password, { type: "password" })}
        />
        <div className="actions">
          <Button type="submit">Se connecter</Button>
          <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
        </div>
      </Form>
      <p>
        Pas encore de compte ?{" "}
        <Link to={withRedirectTo("/inscription", searchParams.get("redirectTo"))}>Créer un compte</Link>
      </p>
    </div>
  );
}
