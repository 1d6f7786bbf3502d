import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { FormError } from "~/components/Field";
import { notFound, requireClubAnimator } from "~/modules/accounts/guards.server";
import { importUploadedFile, MAX_IMPORT_BYTES, previewImportUpload, saveImportUpload } from "~/modules/sourcing/import.server";
import { DomainError } from "~/lib/errors";
import { formatNumber } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Importer des fournisseurs — Proxima" }];

const UploadSchema = z.object({
  file: z
    // No file chosen: browsers still send an empty part without a name.
    .custom<File>((v) => typeof Blob !== "undefined" && v instanceof Blob && (v.size > 0 || Boolean((v as File).name)), { message: "Choisissez un fichier CSV." })
    .refine((f) => f.size > 0, "Le fichier est vide."),
});
const ConfirmSchema = z.object({ uploadId: z.string({ message: "Déposez d'abord un fichier." }).uuid("Déposez d'abord un fichier.") });

const shownRejected = 200;
const shownKept = 10;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const uploadId = new URL(request.url).searchParams.get("fichier");
  if (!uploadId) return { club, preview: null };
  let found;
  try {
    found = await previewImportUpload({ clubId: club.id, uploadId });
  } catch (error) {
    if (error instanceof DomainError) throw notFound(error.message);
    throw error;
  }
  const { upload, preview } = found;
  const rejected = preview.rows.filter((r) => r.errors.length > 0);
  return {
    club,
    preview: {
      uploadId: upload.id,
      filename: upload.filename,
      summary: preview.summary,
      existing: preview.existing,
      headerErrors: preview.headerErrors,
      headerWarnings: preview.headerWarnings,
      rejectedCount: rejected.length,
      rejected: rejected.slice(0, shownRejected).map((r) => ({ line: r.line, siret: r.raw.siret ?? "", name: r.raw.raison_sociale ?? "", reasons: r.errors.join(" ; ") })),
      kept: preview.rows
        .flatMap((r) => (r.value ? [{ line: r.line, siret: r.value.siret, name: r.value.tradeName ?? r.value.legalName, commune: r.value.communeName, naf: r.value.nafCode ?? "" }] : []))
        .slice(0, shownKept),
    },
  };
}

async function upload(request: Request, clubId: string, clubSlug: string) {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch {
    const submission = parseWithZod(new FormData(), { schema: UploadSchema });
    return data({ result: submission.reply({ fieldErrors: { file: ["Le fichier dépasse 10 Mo."] } }), imported: null }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: UploadSchema });
  if (submission.status !== "success") return invalidForm(submission, { imported: null });
  const file = submission.value.file;
  try {
    const uploadId = await saveImportUpload({ clubId, filename: file.name || null, bytes: new Uint8Array(await file.arrayBuffer()) });
    return redirect(`/clubs/${clubSlug}/fournisseurs/import?fichier=${uploadId}`);
  } catch (error) {
    return refusedForm(submission, error, { extra: { imported: null } });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return upload(request, club.id, club.slug);
  const submission = parseWithZod(await request.formData(), { schema: ConfirmSchema });
  if (submission.status !== "success") return invalidForm(submission, { imported: null });
  try {
    const result = await importUploadedFile({ clubId: club.id, uploadId: submission.value.uploadId, actorId: user.id });
    const { rejectedCsv: _csv, ...counts } = result;
    return { result: undefined, imported: { ...counts, uploadId: submission.value.uploadId } };
  } catch (error) {
    return refusedForm(submission, error, { extra: { imported: null } });
  }
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

export default function ImportSuppliers() {
  const { club, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UploadSchema }),
    shouldValidate: "onSubmit",
  });
  const imported = actionData?.imported;
  const back = (
    <p>
      <Link to={`/clubs/${club.slug}/fournisseurs`}>← Fournisseurs du club</Link>
    </p>
  );

  if (imported) {
    return (
      <>
        {back}
        <h1>Import terminé</h1>
        <Card title="Résultat">
          <ul>
            <li>{plural(imported.created, "fiche créée", "fiches créées")}</li>
            <li>{plural(imported.updated, "fiche mise à jour", "fiches mises à jour")}</li>
            <li>{plural(imported.unchanged, "fiche inchangée", "fiches inchangées")}</li>
            <li>{plural(imported.rejected, "ligne rejetée", "lignes rejetées")}</li>
            {imported.merged ? <li>{plural(imported.merged, "ligne en double fusionnée", "lignes en double fusionnées")} (même SIRET)</li> : null}
            <li>{plural(imported.linked, "fiche ajoutée", "fiches ajoutées")} à la liste du club</li>
          </ul>
          <div className="actions">
            {imported.rejected ? (
              <a href={`/clubs/${club.slug}/fournisseurs/import/${imported.uploadId}.csv`} className="button button-secondary" download>
                Télécharger les lignes rejetées
              </a>
            ) : null}
            <Link to={`/clubs/${club.slug}/fournisseurs`} className="button button-primary">
              Voir les fournisseurs du club
            </Link>
          </div>
        </Card>
      </>
    );
  }

  if (preview) {
    const canImport = preview.headerErrors.length === 0 && preview.summary.kept > 0;
    const confirmErrors = actionData?.result?.error;
    return (
      <>
        {back}
        <h1>Aperçu de l'import</h1>
        <p>Fichier : {preview.filename ?? "sans nom"}. Rien n'est encore enregistré.</p>
        {preview.headerErrors.length ? (
          <div className="alert alert-error" role="alert">
            <p>Ce fichier ne peut pas être importé :</p>
            <ul>
              {preview.headerErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : (
          <Card title="Résumé">
            <ul>
              <li>{plural(preview.summary.kept, "entreprise à importer", "entreprises à importer")}, dont {plural(preview.existing, "déjà connue", "déjà connues")} (mise à jour par SIRET)</li>
              <li>{plural(preview.summary.rejected, "ligne rejetée", "lignes rejetées")}</li>
              {preview.summary.merged ? <li>{plural(preview.summary.merged, "ligne en double", "lignes en double")} (même SIRET) : seule la dernière compte</li> : null}
            </ul>
            {preview.headerWarnings.length ? (
              <ul className="muted">
                {preview.headerWarnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </Card>
        )}
        {preview.rejected.length ? (
          <DataTable
            caption={`Lignes rejetées (${formatNumber(preview.rejectedCount)})${preview.rejectedCount > preview.rejected.length ? ` : les ${preview.rejected.length} premières` : ""}`}
            rows={preview.rejected}
            rowKey={(r) => r.line}
            columns={[
              { header: "Ligne", cell: (r) => r.line, numeric: true },
              { header: "SIRET", cell: (r) => r.siret },
              { header: "Raison sociale", cell: (r) => r.name },
              { header: "Motif", cell: (r) => r.reasons },
            ]}
          />
        ) : null}
        {preview.kept.length ? (
          <DataTable
            caption={`Premières entreprises à importer (${preview.kept.length} sur ${formatNumber(preview.summary.kept)})`}
            rows={preview.kept}
            rowKey={(r) => r.line}
            columns={[
              { header: "Ligne", cell: (r) => r.line, numeric: true },
              { header: "SIRET", cell: (r) => r.siret },
              { header: "Entreprise", cell: (r) => r.name },
              { header: "Commune", cell: (r) => r.commune },
              { header: "NAF", cell: (r) => r.naf },
            ]}
          />
        ) : null}
        <div className="actions">
          {canImport ? (
            <Form method="post">
              <FormError message={confirmErrors ? Object.values(confirmErrors).flat().filter(Boolean).join(" ") : null} />
              <input type="hidden" name="uploadId" value={preview.uploadId} />
              <Button type="submit" disabled={busy}>
                {busy ? "Import en cours…" : "Importer"}
              </Button>
            </Form>
          ) : null}
          {preview.rejectedCount ? (
            <a href={`/clubs/${club.slug}/fournisseurs/import/${preview.uploadId}.csv`} download>
              Télécharger les lignes rejetées
            </a>
          ) : null}
          <Link to={`/clubs/${club.slug}/fournisseurs/import`}>Déposer un autre fichier</Link>
        </div>
      </>
    );
  }

  return (
    <>
      {back}
      <h1>Importer des fournisseurs</h1>
      <p>
        Un fichier CSV (séparateur virgule ou point-virgule, encodage UTF-8 ou Windows) avec une ligne d'en-têtes : siret, raison_sociale, enseigne, type_structure,
        code_naf, forme_juridique, adresse, code_postal, commune, code_insee_commune, latitude, longitude, site_web, effectif, description, et si vous les avez email et
        telephone.
      </p>
      <p>Les entreprises sont mises à jour par leur SIRET : importer deux fois le même fichier ne crée pas de doublon. Vous verrez un aperçu avant l'import.</p>
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)}>
        <FormError message={form.errors?.join(" ")} />
        <div className="field">
          <label htmlFor={fields.file.id}>Fichier CSV (10 Mo au plus)</label>
          <input
            id={fields.file.id}
            name={fields.file.name}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fields.file.errors ? true : undefined}
            aria-describedby={fields.file.errors ? fields.file.errorId : undefined}
          />
          {fields.file.errors ? (
            <p className="field-error" id={fields.file.errorId}>
              {fields.file.errors.join(" ")}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={busy}>
          Voir l'aperçu
        </Button>
      </Form>
    </>
  );
}
