import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, TextAreaField } from "~/components/Field";
import { QpvBadge } from "~/components/supplier/QpvBadge";
import { PhotoGallery } from "~/components/supplier/SupplierPhotos";
import { notFound, requireBuyer } from "~/modules/accounts/guards.server";
import { getSessionUser } from "~/modules/accounts/session.server";
import { categoryLabel } from "~/modules/suppliers/categories";
import { ContactSchema } from "~/modules/suppliers/contact-schema";
import { contactSupplier } from "~/modules/suppliers/contact.server";
import { labelText } from "~/modules/suppliers/labels";
import { supplierBySlug } from "~/modules/suppliers/profile.server";
import { formatSiret } from "~/modules/suppliers/siret";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

/** Public page; the contact form (action) is for signed-in buyers only. */
export const policy = policies.public;
export const actionPolicy = policies.buyer;
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.name ?? "Fournisseur"} — Annuaire Proxima` },
  { name: "description", content: data?.description.slice(0, 160) ?? "" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const profile = await supplierBySlug(params.slug ?? "");
  if (!profile) throw notFound("Ce fournisseur n'existe pas ou n'est plus dans l'annuaire.");
  const user = await getSessionUser(request);
  const s = profile.supplier;
  return {
    name: s.tradeName || s.legalName,
    legalName: s.legalName,
    siret: formatSiret(s.siret),
    description: s.description,
    nafCode: s.nafCode,
    nafLabel: profile.nafLabel,
    categories: s.categories.map((c) => ({ slug: c, label: categoryLabel(c) })),
    labels: s.labels.map(labelText),
    services: profile.services.map((x) => ({ title: x.title, description: x.description })),
    references: profile.references.map((r) => ({ client: r.client, year: r.year, description: r.description })),
    location: [s.address, profile.communeName && `${profile.postalCode ?? ""} ${profile.communeName}`.trim()].filter(Boolean).join(", "),
    departmentCode: profile.departmentCode,
    epciName: profile.epciName,
    zone: s.zoneKind === "national" ? "Partout en France" : s.zoneKind === "departments" ? `Départements : ${s.zoneDepartments.join(", ")}` : `Dans un rayon de ${s.zoneRadiusKm} km`,
    qpvStatus: s.qpvStatus,
    qpvName: profile.qpvName,
    website: s.website,
    contactName: s.contactName,
    phone: s.phone,
    yearFounded: s.yearFounded,
    headcountBand: s.headcountBand,
    logoId: s.logoId,
    photos: profile.photos,
    canContact: Boolean(user?.memberships.some((m) => m.kind === "buyer")),
    signedIn: Boolean(user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation } = await requireBuyer(request);
  const profile = await supplierBySlug(params.slug ?? "");
  if (!profile) throw notFound("Ce fournisseur n'existe pas.");
  const submission = parseWithZod(await request.formData(), { schema: ContactSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await contactSupplier({
      supplierId: profile.supplier.id,
      buyer: { userId: user.id, email: user.email, displayName: user.displayName, organisationId: organisation.organisationId, organisationName: organisation.name },
      message: submission.value.message,
    });
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(`/fournisseurs/${profile.supplier.slug}`, { type: "success", message: "Votre message a été envoyé au fournisseur." });
}

export default function SupplierPage() {
  const s = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="no-print">
        <Link to="/fournisseurs">← Annuaire des fournisseurs</Link>
      </p>
      <div className="card-header">
        <h1>{s.name}</h1>
        {s.logoId ? <img src={`/fichiers/${s.logoId}`} alt={`Logo de ${s.name}`} height={64} /> : null}
      </div>
      <p>
        <QpvBadge status={s.qpvStatus} qpvName={s.qpvName} /> {s.labels.map((l) => <Badge key={l} tone="info">{l}</Badge>)}
      </p>
      <div className="grid grid-2">
        <Card title="Présentation">
          {s.description ? <p className="pre-wrap">{s.description}</p> : <p className="muted">Pas encore de présentation.</p>}
          {s.categories.length ? (
            <p>
              Catégories :{" "}
              {s.categories.map((c, i) => (
                <span key={c.slug}>
                  {i ? ", " : ""}
                  <Link to={`/fournisseurs?categorie=${c.slug}`}>{c.label}</Link>
                </span>
              ))}
            </p>
          ) : null}
        </Card>
        <Card title="Coordonnées">
          <dl>
            <dt>Raison sociale</dt>
            <dd>{s.legalName}</dd>
            <dt>SIRET</dt>
            <dd>{s.siret}</dd>
            {s.nafCode ? (
              <>
                <dt>Activité (NAF)</dt>
                <dd>
                  {s.nafCode} — {s.nafLabel}
                </dd>
              </>
            ) : null}
            <dt>Adresse</dt>
            <dd>{s.location || "Non renseignée"}</dd>
            {s.epciName ? (
              <>
                <dt>Territoire</dt>
                <dd>{s.epciName}</dd>
              </>
            ) : null}
            <dt>Zone d'intervention</dt>
            <dd>{s.zone}</dd>
            {s.yearFounded ? (
              <>
                <dt>Création</dt>
                <dd>{s.yearFounded}</dd>
              </>
            ) : null}
            {s.headcountBand ? (
              <>
                <dt>Effectif</dt>
                <dd>{s.headcountBand}</dd>
              </>
            ) : null}
            {s.website ? (
              <>
                <dt>Site web</dt>
                <dd>
                  <a href={s.website} rel="noopener noreferrer nofollow">
                    {s.website}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
      </div>
      <PhotoGallery photos={s.photos} />
      {s.services.length ? (
        <Card title="Services proposés">
          <ul>
            {s.services.map((x) => (
              <li key={x.title}>
                <strong>{x.title}</strong>
                {x.description ? ` — ${x.description}` : ""}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {s.references.length ? (
        <Card title="Références">
          <ul>
            {s.references.map((r, i) => (
              <li key={i}>
                <strong>{r.client}</strong>
                {r.year ? ` (${r.year})` : ""}
                {r.description ? ` — ${r.description}` : ""}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Contacter cette entreprise">
        {s.canContact ? (
          <Form method="post">
            <FormError message={actionData?.result?.error?.[""]?.join(" ")} />
            <TextAreaField label="Votre message" name="message" rows={5} errors={actionData?.result?.error?.message ?? undefined} hint="Présentez votre besoin : le fournisseur vous répondra par e-mail." />
            <Button type="submit">Envoyer</Button>
          </Form>
        ) : s.signedIn ? (
          <p>La prise de contact est réservée aux entreprises acheteuses.</p>
        ) : (
          <p>
            <Link to="/connexion">Connectez-vous</Link> avec un compte acheteur pour contacter cette entreprise.
          </p>
        )}
      </Card>
    </>
  );
}
