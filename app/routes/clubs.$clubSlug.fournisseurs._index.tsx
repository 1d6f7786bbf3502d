import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Badge, type BadgeTone } from "~/components/Badge";
import { Button } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { FormError, SelectField, TextField } from "~/components/Field";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { inviteSupplierToClaim } from "~/modules/sourcing/claims.server";
import { listClubSuppliers, parseClubSupplierQuery, verificationLabels } from "~/modules/sourcing/club-suppliers.server";
import { formatDate, formatNumber } from "~/lib/format";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Fournisseurs — ${data?.club.name ?? "Club"} — Proxima` }];

const InviteSchema = z.object({
  supplierIds: z
    .array(z.string().uuid("Sélection invalide."), { message: "Cochez au moins une entreprise." })
    .min(1, "Cochez au moins une entreprise.")
    .max(500, "Invitez au plus 500 entreprises à la fois."),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const url = new URL(request.url);
  const { query, filters, page } = parseClubSupplierQuery(url.searchParams);
  const list = await listClubSuppliers({ clubId: club.id, filters, page });
  return { club, query, list, search: url.search, statusLabels: verificationLabels };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const { submission } = await parseForm(request, InviteSchema);
  if (submission.status !== "success") return invalidForm(submission);
  let result;
  try {
    result = await inviteSupplierToClaim({ clubId: club.id, supplierIds: submission.value.supplierIds, actorId: user.id });
  } catch (error) {
    return refusedForm(submission, error);
  }
  const parts = [
    result.invited === 1 ? "1 invitation envoyée." : `${result.invited} invitations envoyées.`,
    result.alreadyClaimed ? `${result.alreadyClaimed} fiche(s) déjà revendiquée(s) : pas d'invitation.` : "",
    result.withoutEmail ? `${result.withoutEmail} fiche(s) sans adresse e-mail : pas d'invitation.` : "",
    result.notInClub ? `${result.notInClub} fiche(s) hors de votre club ignorée(s).` : "",
  ];
  const search = new URL(request.url).search;
  return redirectWithFlash(`/clubs/${club.slug}/fournisseurs${search}`, { type: result.invited ? "success" : "info", message: parts.filter(Boolean).join(" ") });
}

const statusTone: Record<string, BadgeTone> = { none: "neutral", declared: "warning", verified: "success", rejected: "danger" };

function pageLink(search: string, page: number): string {
  const params = new URLSearchParams(search);
  params.set("page", String(page));
  return `?${params.toString()}`;
}

export default function ClubSuppliers() {
  const { club, query, list, search, statusLabels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const inviteErrors = actionData?.result?.error?.supplierIds ?? actionData?.result?.error?.[""] ?? null;
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  const exportQuery = exportParams.toString();
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Fournisseurs du club</h1>
      <p>
        Les entreprises importées par le club et celles installées dans ses quartiers prioritaires. Invitez-les à revendiquer leur fiche pour qu'elles la complètent.
      </p>
      <div className="actions">
        <Link to={`/clubs/${club.slug}/fournisseurs/import`} className="button button-primary">
          Importer un fichier CSV
        </Link>
        <a href={`/clubs/${club.slug}/fournisseurs.csv${exportQuery ? `?${exportQuery}` : ""}`} className="button button-secondary" download>
          Exporter la liste (CSV)
        </a>
      </div>

      <Form method="get" className="card" aria-label="Filtrer les fournisseurs">
        <h2>Filtrer</h2>
        <div className="grid grid-2">
          <TextField label="Nom ou SIRET" name="q" type="search" defaultValue={query.q ?? ""} />
          <SelectField
            label="Vérification QPV"
            name="statut"
            defaultValue={query.statut ?? ""}
            options={[{ value: "", label: "Tous les statuts" }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))]}
          />
          <SelectField
            label="Revendication"
            name="revendication"
            defaultValue={query.revendication ?? ""}
            options={[
              { value: "", label: "Toutes les fiches" },
              { value: "revendiquee", label: "Revendiquées par l'entreprise" },
              { value: "non-revendiquee", label: "Pas encore revendiquées" },
            ]}
          />
          <SelectField
            label="Trier par"
            name="tri"
            defaultValue={query.tri ?? "nom"}
            options={[
              { value: "nom", label: "Nom" },
              { value: "completude", label: "Complétude (la plus haute d'abord)" },
              { value: "recent", label: "Ajout le plus récent" },
            ]}
          />
          <TextField label="Complétude minimale (%)" name="completude_min" type="number" min={0} max={100} inputMode="numeric" defaultValue={query.completude_min ?? ""} />
          <TextField label="Complétude maximale (%)" name="completude_max" type="number" min={0} max={100} inputMode="numeric" defaultValue={query.completude_max ?? ""} />
        </div>
        <div className="actions">
          <Button type="submit">Filtrer</Button>
          <Link to={`/clubs/${club.slug}/fournisseurs`}>Effacer les filtres</Link>
        </div>
      </Form>

      <p role="status">
        {list.total === 0 ? "Aucune entreprise." : `${formatNumber(list.total)} entreprise${list.total > 1 ? "s" : ""}`}
        {list.pageCount > 1 ? ` — page ${list.page} sur ${list.pageCount}` : ""}
      </p>

      {list.total === 0 ? (
        <EmptyState title="Aucun fournisseur ne correspond.">
          <p>Changez les filtres, ou importez un fichier d'entreprises.</p>
        </EmptyState>
      ) : (
        <Form method="post">
          <FormError message={inviteErrors?.join(" ")} />
          <DataTable
            caption="Fournisseurs du club"
            rows={list.rows}
            rowKey={(r) => r.id}
            columns={[
              {
                header: "Sélection",
                cell: (r) => (
                  <input type="checkbox" name="supplierIds" value={r.id} aria-label={`Sélectionner ${r.name}`} disabled={r.claimed || !r.email} />
                ),
              },
              {
                header: "Entreprise",
                cell: (r) => (
                  <>
                    {r.name}
                    <br />
                    <span className="muted">SIRET {r.siret}</span>
                  </>
                ),
              },
              { header: "Commune", cell: (r) => r.communeName ?? "" },
              { header: "QPV", cell: (r) => <Badge tone={statusTone[r.qpvStatus]}>{statusLabels[r.qpvStatus]}</Badge> },
              { header: "Complétude", cell: (r) => `${r.completeness} %`, numeric: true },
              {
                header: "Fiche",
                cell: (r) =>
                  r.claimed ? (
                    <Badge tone="success">Revendiquée</Badge>
                  ) : (
                    <>
                      <Badge>Non revendiquée</Badge>
                      {r.lastInvitedAt ? <span className="muted"> invitée le {formatDate(r.lastInvitedAt)}</span> : null}
                      {!r.email ? <span className="muted"> sans e-mail</span> : null}
                    </>
                  ),
              },
            ]}
          />
          <div className="actions">
            <Button type="submit">Inviter la sélection</Button>
            <p className="muted">Chaque entreprise cochée reçoit par e-mail un lien, valable 30 jours, pour revendiquer sa fiche avec son SIRET.</p>
          </div>
        </Form>
      )}

      {list.pageCount > 1 ? (
        <nav aria-label="Pages" className="actions">
          {list.page > 1 ? <Link to={pageLink(search, list.page - 1)}>← Page précédente</Link> : null}
          {list.page < list.pageCount ? <Link to={pageLink(search, list.page + 1)}>Page suivante →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
