import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, TextField } from "~/components/Field";
import { changePassword, requestEmailChange } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/guards.server";
import { ChangeEmailSchema, ChangePasswordSchema } from "~/modules/accounts/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction = () => [{ title: "Mon compte — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { email: user.email, displayName: user.displayName, memberships: user.memberships };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "password") {
    const { submission } = await parseForm(request, ChangePasswordSchema);
    if (submission.status !== "success") return invalidForm(submission, { intent });
    try {
      await changePassword({ userId: user.id, currentSessionId: user.sessionId, ...submission.value });
    } catch (error) {
      return refusedForm(submission, error, { hideFields: ["currentPassword", "newPassword"], extra: { intent } });
    }
    return redirectWithFlash("/compte", { type: "success", message: "Votre mot de passe a été changé. Vos autres appareils ont été déconnectés." });
  }
  if (intent === "email") {
    const { submission } = await parseForm(request, ChangeEmailSchema);
    if (submission.status !== "success") return invalidForm(submission, { intent });
    try {
      await requestEmailChange({ userId: user.id, ...submission.value });
    } catch (error) {
      return refusedForm(submission, error, { hideFields: ["password"], extra: { intent } });
    }
    return redirectWithFlash("/compte", { type: "info", message: `Un lien de confirmation a été envoyé à ${submission.value.newEmail}.` });
  }
  throw new Response("Action inconnue.", { status: 400 });
}

export default function Account() {
  const { email, displayName, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldValidate: "onSubmit",
  });
  const [emailForm, emailFields] = useForm({
    id: "email",
    lastResult: actionData?.intent === "email" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangeEmailSchema }),
    shouldValidate: "onSubmit",
  });
  const kinds = { supplier: "Fournisseur", buyer: "Acheteur", club: "Club" } as const;
  return (
    <>
      <h1>Mon compte</h1>
      <p>
        {displayName} — {email}
      </p>
      <Card title="Mes organisations">
        {memberships.length ? (
          <ul>
            {memberships.map((m) => (
              <li key={m.organisationId}>
                {m.name} ({kinds[m.kind]}, {m.role === "owner" ? "responsable" : "membre"}) — <a href={`/organisations/${m.slug}/membres`}>membres</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Vous n'appartenez à aucune organisation pour l'instant.</p>
        )}
      </Card>
      <div className="grid grid-2">
        <Card title="Changer de mot de passe">
          <Form method="post" action="?intent=password" {...getFormProps(passwordForm)}>
            <FormError message={passwordForm.errors?.join(" ")} />
            <TextField
              label="Mot de passe actuel"
              autoComplete="current-password"
              errors={passwordFields.currentPassword.errors}
              {...getInputProps(passwordFields.currentPassword, { type: "password" })}
            />
            <TextField
              label="Nouveau mot de passe"
              hint="Au moins 10 caractères."
              autoComplete="new-password"
              errors={passwordFields.newPassword.errors}
              {...getInputProps(passwordFields.newPassword, { type: "password" })}
            />
            <Button type="submit">Changer le mot de passe</Button>
          </Form>
        </Card>
        <Card title="Changer d'adresse e-mail">
          <Form method="post" action="?intent=email" {...getFormProps(emailForm)}>
            <FormError message={emailForm.errors?.join(" ")} />
            <TextField label="Nouvelle adresse e-mail" autoComplete="email" errors={emailFields.newEmail.errors} {...getInputProps(emailFields.newEmail, { type: "email" })} />
            <TextField
              label="Mot de passe"
              autoComplete="current-password"
              errors={emailFields.password.errors}
              {...getInputProps(emailFields.password, { type: "password" })}
            />
            <Button type="submit">Recevoir le lien de confirmation</Button>
          </Form>
        </Card>
      </div>
    </>
  );
}
