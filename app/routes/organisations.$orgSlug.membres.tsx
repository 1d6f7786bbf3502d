import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { FormError, SelectField, TextField } from "~/components/Field";
import { forbidden, requireUser } from "~/modules/accounts/guards.server";
import type { SessionUser } from "~/modules/accounts/session.server";
import { invitationState, inviteMember, pendingInvitations } from "~/modules/organisations/invitations.server";
import { organisationMembers } from "~/modules/organisations/organisations.server";
import { InviteMemberSchema } from "~/modules/organisations/schemas";
import { formatDate } from "~/lib/format";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

/** Signed-in, then scoped: only members of this organisation (and admins) see it. */
export const policy = policies.signedIn;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Membres — ${data?.organisation.name ?? ""} — Proxima` }];

function membershipFor(user: SessionUser, slug: string | undefined) {
  const organisation = user.memberships.find((m) => m.slug === slug);
  if (!organisation) throw forbidden("Vous n'êtes pas membre de cette organisation.");
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisation = membershipFor(user, params.orgSlug);
  const canInvite = organisation.role === "owner" || user.isAdmin;
  const [members, invitations] = await Promise.all([
    organisationMembers(organisation.organisationId),
    canInvite ? pendingInvitations(organisation.organisationId) : Promise.resolve([]),
  ]);
  const now = new Date();
  return {
    organisation,
    canInvite,
    members,
    invitations: invitations.map((i) => ({ ...i, state: invitationState(i, now) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisation = membershipFor(user, params.orgSlug);
  const { submission } = await parseForm(request, InviteMemberSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await inviteMember({ organisationId: organisation.organisationId, email: submission.value.email, role: submission.value.role, inviter: user });
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(`/organisations/${organisation.slug}/membres`, { type: "success", message: `Invitation envoyée à ${submission.value.email}.` });
}

const stateLabel = { pending: "en attente", accepted: "acceptée", declined: "refusée", expired: "expirée" } as const;

export default function Members() {
  const { organisation, canInvite, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteMemberSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { role: "member" },
  });
  return (
    <>
      <h1>Membres de {organisation.name}</h1>
      <DataTable
        caption="Membres"
        rows={members}
        rowKey={(m) => m.userId}
        columns={[
          { header: "Nom", cell: (m) => m.displayName },
          { header: "E-mail", cell: (m) => m.email },
          { header: "Rôle", cell: (m) => (m.role === "owner" ? "Responsable" : "Membre") },
        ]}
      />
      {canInvite ? (
        <div className="grid grid-2">
          <Card title="Inviter une personne">
            <Form method="post" {...getFormProps(form)}>
              <FormError message={form.errors?.join(" ")} />
              <TextField label="Adresse e-mail" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} />
              <SelectField
                label="Rôle"
                errors={fields.role.errors}
                name={fields.role.name}
                id={fields.role.id}
                defaultValue={fields.role.initialValue}
                options={[
                  { value: "member", label: "Membre" },
                  { value: "owner", label: "Responsable (peut inviter)" },
                ]}
              />
              <Button type="submit">Envoyer l'invitation</Button>
            </Form>
          </Card>
          <Card title="Invitations">
            {invitations.length ? (
              <ul>
                {invitations.map((i) => (
                  <li key={i.id}>
                    {i.email} <Badge tone={i.state === "accepted" ? "success" : i.state === "pending" ? "info" : "neutral"}>{stateLabel[i.state]}</Badge>{" "}
                    <span className="muted">jusqu'au {formatDate(i.expiresAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>Aucune invitation envoyée.</p>
            )}
          </Card>
        </div>
      ) : null}
    </>
  );
}
