import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, TextField } from "~/components/Field";
import { ProfileForm, type ProfileFormValues } from "~/components/supplier/ProfileForm";
import { QpvBadge } from "~/components/supplier/QpvBadge";
import { PhotoManager } from "~/components/supplier/SupplierPhotos";
import { requireSupplier } from "~/modules/accounts/guards.server";
import { communeLabel } from "~/modules/reference/labels";
import { qpvsOfCommune } from "~/modules/reference/reference.server";
import { listCategories, suggestCategories } from "~/modules/suppliers/categories";
import { LABELS } from "~/modules/suppliers/labels";
import { setSupplierLogo } from "~/modules/suppliers/logo.server";
import { MAX_SUPPLIER_PHOTOS, PhotoCaptionSchema, RemovePhotoSchema } from "~/modules/suppliers/photo-schema";
import { addSupplierPhoto, removeSupplierPhoto } from "~/modules/suppliers/photos.server";
import { createSupplierProfile, loadSupplierProfile, supplierOfOrganisation, updateSupplierProfile } from "~/modules/suppliers/profile.server";
import { CreateProfileSchema, ProfileSchema } from "~/modules/suppliers/schemas";
import { readImageForm } from "~/modules/uploads/multipart.server";
import { DomainError } from "~/lib/errors";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.supplier;
export const meta: MetaFunction = () => [{ title: "Ma fiche entreprise — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireSupplier(request);
  const supplier = await supplierOfOrganisation(organisation.organisationId);
  const profile = supplier ? await loadSupplierProfile(supplier.id) : undefined;
  const qpvOptions = profile?.supplier.communeInsee ? await qpvsOfCommune(profile.supplier.communeInsee) : [];
  return {
    organisationName: organisation.name,
    profile: profile ?? null,
    qpvOptions,
    categories: listCategories().map((c) => ({ slug: c.slug, label: c.label })),
    labels: LABELS.map((l) => ({ slug: l.slug, label: l.label })),
    suggestedCategories: profile?.supplier.nafCode ? suggestCategories({ nafCode: profile.supplier.nafCode }) : [],
  };
}

const readLogo = (request: Request) => readImageForm(request, "logo", { missing: "Choisissez un fichier image.", tooLarge: "Le fichier dépasse 1 Mo." });

type Owner = { supplierId: string; organisationId: string; actorId: string };

/** Add (multipart: file + description) or remove a photo; a refusal re-renders the card with its French message and a 400. */
async function photoAction(request: Request, intent: "photo" | "photo-remove", owner: Owner) {
  const refused = (error: unknown, caption = "") => {
    if (!(error instanceof DomainError)) throw error;
    const field = error.details?.field === "caption" ? "caption" : "photo";
    return data({ intent, photoErrors: { [field]: [error.message] }, caption, result: undefined }, { status: error.status });
  };
  if (intent === "photo-remove") {
    const parsed = RemovePhotoSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return refused(new DomainError("invalid", parsed.error.issues[0]?.message ?? "Photo inconnue."));
    try {
      await removeSupplierPhoto({ supplierId: owner.supplierId, actorId: owner.actorId, photoId: parsed.data.photoId });
    } catch (error) {
      return refused(error);
    }
    return redirectWithFlash("/fournisseur/profil", { type: "success", message: "Photo retirée." });
  }
  let caption = "";
  try {
    const upload = await readImageForm(request, "photo", { missing: "Choisissez une photo.", tooLarge: "La photo dépasse 1 Mo." });
    caption = String(upload.form.get("caption") ?? "");
    const parsed = PhotoCaptionSchema.safeParse({ caption });
    if (!parsed.success) throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "Description invalide.", { field: "caption" });
    await addSupplierPhoto({ ...owner, bytes: upload.bytes, filename: upload.filename, caption: parsed.data.caption });
  } catch (error) {
    return refused(error, caption);
  }
  return redirectWithFlash("/fournisseur/profil", { type: "success", message: "Photo ajoutée." });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organisation } = await requireSupplier(request);
  const intent = new URL(request.url).searchParams.get("intent");
  const supplier = await supplierOfOrganisation(organisation.organisationId);
  if (intent === "create") {
    const submission = parseWithZod(await request.formData(), { schema: CreateProfileSchema });
    if (submission.status !== "success") return invalidForm(submission, { intent });
    try {
      await createSupplierProfile({ organisationId: organisation.organisationId, actorId: user.id, ...submission.value });
    } catch (error) {
      return refusedForm(submission, error, { extra: { intent } });
    }
    return redirectWithFlash("/fournisseur/profil", { type: "success", message: "Votre fiche est créée. Complétez-la pour être trouvé par les acheteurs." });
  }
  if (!supplier) throw new Response("Créez d'abord votre fiche.", { status: 400 });
  if (intent === "logo") {
    try {
      const { bytes, filename } = await readLogo(request);
      await setSupplierLogo({ supplierId: supplier.id, organisationId: organisation.organisationId, actorId: user.id, bytes, filename });
    } catch (error) {
      if (error instanceof DomainError) return data({ intent, logoError: error.message, result: undefined }, { status: error.status });
      throw error;
    }
    return redirectWithFlash("/fournisseur/profil", { type: "success", message: "Logo enregistré." });
  }
  if (intent === "photo" || intent === "photo-remove") return photoAction(request, intent, { supplierId: supplier.id, organisationId: organisation.organisationId, actorId: user.id });
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return invalidForm(submission, { intent: "profile" });
  try {
    await updateSupplierProfile({ supplierId: supplier.id, actorId: user.id, profile: submission.value });
  } catch (error) {
    return refusedForm(submission, error, { extra: { intent: "profile" } });
  }
  return redirectWithFlash("/fournisseur/profil", { type: "success", message: "Fiche enregistrée." });
}

function formValues(profile: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["profile"]>): ProfileFormValues {
  const s = profile.supplier;
  return {
    ...s,
    yearFounded: s.yearFounded,
    services: profile.services.map((x) => ({ title: x.title, description: x.description })),
    references: profile.references.map((r) => ({ client: r.client, year: r.year, description: r.description })),
    commune: profile.communeName ? communeLabel({ name: profile.communeName, postalCode: profile.postalCode }) : "",
  };
}

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === "" ? [] : [String(v)]);
const asText = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** After a 400, the form shows what the person typed (conform's raw payload), not the saved profile. */
function typedAgain(saved: ProfileFormValues, raw: unknown): ProfileFormValues {
  const v = (raw ?? {}) as Record<string, unknown>;
  const list = (x: unknown) => (Array.isArray(x) ? (x as Record<string, unknown>[]) : []);
  return {
    ...saved,
    legalName: asText(v.legalName) ?? "",
    tradeName: asText(v.tradeName),
    legalForm: asText(v.legalForm),
    nafCode: asText(v.nafCode),
    yearFounded: Number(v.yearFounded) || null,
    headcountBand: asText(v.headcountBand),
    description: asText(v.description) ?? "",
    categories: asArray(v.categories),
    labels: asArray(v.labels),
    services: list(v.services).map((x) => ({ title: asText(x?.title) ?? "", description: asText(x?.description) ?? "" })),
    references: list(v.references).map((x) => ({ client: asText(x?.client) ?? "", year: Number(x?.year) || null, description: asText(x?.description) ?? "" })),
    website: asText(v.website),
    contactName: asText(v.contactName),
    email: asText(v.email),
    phone: asText(v.phone),
    address: asText(v.address),
    commune: asText(v.commune) ?? "",
    zoneKind: v.zoneKind === "departments" || v.zoneKind === "national" ? v.zoneKind : "radius",
    zoneRadiusKm: Number(v.zoneRadiusKm) || saved.zoneRadiusKm,
    zoneDepartments: (asText(v.zoneDepartments) ?? "").split(/[\s,;]+/).filter(Boolean),
    qpvCode: asText(v.qpvCode),
  };
}

export default function SupplierProfilePage() {
  const { organisationName, profile, qpvOptions, categories, labels, suggestedCategories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData && "result" in actionData ? actionData.result : undefined;
  if (!profile) {
    return (
      <div className="narrow">
        <h1>Créer la fiche de {organisationName}</h1>
        <p>Votre SIRET identifie votre entreprise : la fiche sera visible dans l'annuaire une fois créée.</p>
        <Form method="post" action="?intent=create">
          <FormError message={result?.error?.[""]?.join(" ")} />
          <TextField label="SIRET" name="siret" inputMode="numeric" errors={result?.error?.siret ?? undefined} hint="14 chiffres." required />
          <TextField label="Raison sociale" name="legalName" defaultValue={organisationName} errors={result?.error?.legalName ?? undefined} required />
          <Button type="submit">Créer la fiche</Button>
        </Form>
      </div>
    );
  }
  const values = result?.initialValue ? typedAgain(formValues(profile), result.initialValue) : formValues(profile);
  return (
    <>
      <h1>Ma fiche entreprise</h1>
      <p>
        <Link to={`/fournisseurs/${profile.supplier.slug}`}>Voir ma fiche publique</Link> · <QpvBadge status={profile.supplier.qpvStatus} qpvName={profile.qpvName} />
      </p>
      <Card title={`Fiche complète à ${profile.completeness.score} %`}>
        <progress max={100} value={profile.completeness.score} aria-label="Complétude de la fiche">
          {profile.completeness.score} %
        </progress>
        {profile.completeness.missing.length ? (
          <ul>
            {profile.completeness.missing.map((m) => (
              <li key={m.field}>
                {m.label} <Badge tone="info">+{m.weight} %</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p>Votre fiche est complète.</p>
        )}
      </Card>
      <Card title="Logo">
        <Form method="post" action="?intent=logo" encType="multipart/form-data" className="actions">
          <label htmlFor="logo">Image PNG, JPEG ou WebP, 1 Mo au plus</label>
          <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" aria-describedby={actionData && "logoError" in actionData ? "logo-error" : undefined} />
          <Button type="submit" variant="secondary">
            Envoyer le logo
          </Button>
          {profile.supplier.logoId ? <img src={`/fichiers/${profile.supplier.logoId}`} alt={`Logo actuel de ${profile.supplier.legalName}`} height={48} /> : null}
        </Form>
        {actionData && "logoError" in actionData ? (
          <p className="field-error" id="logo-error" role="alert">
            {actionData.logoError}
          </p>
        ) : null}
      </Card>
      <PhotoManager
        photos={profile.photos}
        max={MAX_SUPPLIER_PHOTOS}
        errors={actionData && "photoErrors" in actionData ? actionData.photoErrors : null}
        caption={actionData && "caption" in actionData ? actionData.caption : ""}
      />
      <ProfileForm
        values={values}
        errors={result?.error ?? null}
        formError={result?.error?.[""]?.join(" ") ?? null}
        categories={categories}
        labels={labels}
        qpvOptions={qpvOptions}
        suggestedCategories={suggestedCategories}
      />
    </>
  );
}
