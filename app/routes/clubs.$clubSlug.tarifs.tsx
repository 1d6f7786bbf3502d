import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { FormError, SelectField, TextField } from "~/components/Field";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { billingEnabled } from "~/modules/billing/config.server";
import { centsToInput, formatCents, membershipStateLabel, membershipStateTone } from "~/modules/billing/labels";
import { clubMembershipOverview, grantFreeMembership, revokeFreeMembership } from "~/modules/billing/memberships.server";
import { clubPrices, updateClubPrices } from "~/modules/billing/prices.server";
import { ClubPricesSchema, GrantMembershipSchema, RevokeMembershipSchema } from "~/modules/billing/schemas";
import { formatDate } from "~/lib/format";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Tarifs et adhésions — ${data?.club.name ?? "Club"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  if (!billingEnabled()) return { club, enabled: false as const, prices: null, buyers: [] };
  const [prices, buyers] = await Promise.all([clubPrices(club.id), clubMembershipOverview(club.id)]);
  return { club, enabled: true as const, prices, buyers };
}

const intents = ["prices", "grant", "revoke"] as const;
type Intent = (typeof intents)[number];

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const intent = (new URL(request.url).searchParams.get("intent") ?? "prices") as Intent;
  const back = `/clubs/${club.slug}/tarifs`;
  if (!billingEnabled() || !intents.includes(intent)) {
    const { submission } = await parseForm(request, RevokeMembershipSchema);
    return invalidForm(submission, { intent, formError: "Les paiements ne sont pas activés : la plateforme est gratuite." });
  }
  if (intent === "prices") {
    const { submission } = await parseForm(request, ClubPricesSchema);
    if (submission.status !== "success") return invalidForm(submission, { intent });
    await updateClubPrices({ clubId: club.id, userId: user.id, membershipPriceCents: submission.value.membershipPrice, ...submission.value });
    return redirectWithFlash(back, { type: "success", message: "Tarifs enregistrés." });
  }
  if (intent === "grant") {
    const { submission } = await parseForm(request, GrantMembershipSchema);
    if (submission.status !== "success") return invalidForm(submission, { intent });
    try {
      await grantFreeMembership({ clubId: club.id, buyerOrgId: submission.value.buyerOrgId, grantedBy: user.id, note: submission.value.note });
    } catch (error) {
      return refusedForm(submission, error, { extra: { intent } });
    }
    return redirectWithFlash(back, { type: "success", message: "Adhésion offerte : l'entreprise en a été informée." });
  }
  const { submission } = await parseForm(request, RevokeMembershipSchema);
  if (submission.status !== "success") return invalidForm(submission, { intent });
  try {
    await revokeFreeMembership({ clubId: club.id, buyerOrgId: submission.value.buyerOrgId });
  } catch (error) {
    return refusedForm(submission, error, { extra: { intent } });
  }
  return redirectWithFlash(back, { type: "success", message: "L'adhésion n'est plus offerte à cette entreprise." });
}

function PricesForm({ prices }: { prices: { membershipPriceCents: number | null; membershipRequiredForNeeds: boolean; membershipRequiredForEvents: boolean } }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "prices",
    lastResult: actionData?.intent === "prices" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClubPricesSchema }),
    shouldValidate: "onSubmit",
    defaultValue: {
      membershipPrice: centsToInput(prices.membershipPriceCents),
      requiredForNeeds: prices.membershipRequiredForNeeds ? "on" : undefined,
      requiredForEvents: prices.membershipRequiredForEvents ? "on" : undefined,
    },
  });
  return (
    <Form method="post" action="?intent=prices" {...getFormProps(form)}>
      <FormError message={form.errors?.join(" ")} />
      <TextField
        label="Adhésion annuelle des entreprises acheteuses (€ par an)"
        hint="Par exemple 1 200. Laissez vide si l'adhésion est gratuite."
        inputMode="decimal"
        errors={fields.membershipPrice.errors}
        {...getInputProps(fields.membershipPrice, { type: "text" })}
      />
      <fieldset>
        <legend>L'adhésion est nécessaire pour</legend>
        <label className="checkbox">
          <input {...getInputProps(fields.requiredForNeeds, { type: "checkbox" })} /> publier des besoins d'achat
        </label>
        <label className="checkbox">
          <input {...getInputProps(fields.requiredForEvents, { type: "checkbox" })} /> s'inscrire aux événements du club
        </label>
        <p className="field-hint">La recherche dans l'annuaire reste toujours ouverte, et ce qu'une entreprise a déjà publié reste visible si son adhésion expire.</p>
      </fieldset>
      <Button type="submit">Enregistrer les tarifs</Button>
    </Form>
  );
}

function GrantForm({ buyers }: { buyers: { buyerOrgId: string; buyerName: string; state: string }[] }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "grant",
    lastResult: actionData?.intent === "grant" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GrantMembershipSchema }),
    shouldValidate: "onSubmit",
  });
  const candidates = buyers.filter((b) => b.state !== "free");
  if (!candidates.length) return <p>Toutes les entreprises acheteuses ont déjà une adhésion offerte.</p>;
  return (
    <Form method="post" action="?intent=grant" {...getFormProps(form)}>
      <FormError message={form.errors?.join(" ")} />
      <SelectField
        label="Entreprise acheteuse"
        name={fields.buyerOrgId.name}
        id={fields.buyerOrgId.id}
        errors={fields.buyerOrgId.errors}
        defaultValue={fields.buyerOrgId.initialValue}
        options={[{ value: "", label: "Choisissez une entreprise" }, ...candidates.map((b) => ({ value: b.buyerOrgId, label: b.buyerName }))]}
      />
      <TextField label="Note (facultative)" hint="Par exemple : entreprise partenaire 2026." errors={fields.note.errors} {...getInputProps(fields.note, { type: "text" })} />
      <Button type="submit">Offrir l'adhésion</Button>
    </Form>
  );
}

export default function ClubPrices() {
  const { club, enabled, prices, buyers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Tarifs et adhésions</h1>
      {actionData && "formError" in actionData ? <FormError message={actionData.formError} /> : null}
      {!enabled || !prices ? (
        <div className="alert alert-info" role="status">
          Les paiements ne sont pas activés sur Proxima : la plateforme est gratuite pour toutes les entreprises, et rien n'est bloqué.
        </div>
      ) : (
        <>
          <p>
            Les fournisseurs des quartiers ne paient jamais. Le prix des billets se fixe sur chaque événement. <Link to={`/clubs/${club.slug}/paiements`}>Voir les paiements</Link>
          </p>
          <div className="grid grid-2">
            <Card title="Tarifs du club">
              <p>Adhésion actuelle : {prices.membershipPriceCents === null ? "gratuite" : `${formatCents(prices.membershipPriceCents)} par an`}</p>
              <PricesForm prices={prices} />
            </Card>
            <Card title="Offrir l'adhésion">
              <p>Pour une entreprise partenaire : elle n'aura rien à payer.</p>
              <GrantForm buyers={buyers} />
            </Card>
          </div>
          <DataTable
            caption="Adhésions des entreprises acheteuses"
            rows={buyers}
            rowKey={(b) => b.buyerOrgId}
            columns={[
              { header: "Entreprise", cell: (b) => b.buyerName },
              { header: "État", cell: (b) => <Badge tone={membershipStateTone[b.state]}>{membershipStateLabel[b.state]}</Badge> },
              { header: "Jusqu'au", cell: (b) => (b.state === "free" ? "—" : formatDate(b.activeUntil)) },
              { header: "Note", cell: (b) => b.grantNote ?? "" },
              {
                header: "Action",
                cell: (b) =>
                  b.state === "free" ? (
                    <Form method="post" action="?intent=revoke">
                      <input type="hidden" name="buyerOrgId" value={b.buyerOrgId} />
                      <Button type="submit" variant="link" aria-label={`Ne plus offrir l'adhésion à ${b.buyerName}`}>
                        Ne plus offrir
                      </Button>
                    </Form>
                  ) : null,
              },
            ]}
          />
        </>
      )}
    </>
  );
}
