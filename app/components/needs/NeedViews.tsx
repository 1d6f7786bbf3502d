import { Form } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { TextField } from "~/components/Field";
import { budgetBandLabel, csrIntentLabel, perimeterKinds, statusLabels, type NeedStatus } from "~/modules/needs/schemas";
import { formatDate, formatDateTime, formatEuros } from "~/lib/format";

type NeedSummaryData = {
  title: string;
  description: string;
  categories: string[];
  perimeterKind: string;
  radiusKm: number | null;
  departments: string[];
  budgetBand: string | null;
  amountCents: number | null;
  responseDeadline: string | null;
  startDate: string | null;
  recurrence: string;
  requiredLabels: string[];
  insuranceRequired: boolean;
  referencesRequired: boolean;
  requirementsNote: string | null;
  csrIntent: string | null;
};

const day = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`) : "non précisée");

export function perimeterText(n: Pick<NeedSummaryData, "perimeterKind" | "radiusKm" | "departments">): string {
  if (n.perimeterKind === "radius") return `Dans un rayon de ${n.radiusKm ?? 30} km`;
  if (n.perimeterKind === "departments") return `Départements ${n.departments.join(", ")}`;
  return perimeterKinds.find((p) => p.value === n.perimeterKind)?.label ?? "";
}

/** What the need asks for, as both the buyer and suppliers read it. */
export function NeedSummary({
  need,
  place,
  categoryLabel,
  labelLabel,
  attachments,
  fileHref,
}: {
  need: NeedSummaryData;
  place: string | null;
  categoryLabel: (slug: string) => string;
  labelLabel: (slug: string) => string;
  attachments: { id: string; filename: string | null }[];
  fileHref: (uploadId: string) => string;
}) {
  const requirements = [
    ...need.requiredLabels.map(labelLabel),
    ...(need.insuranceRequired ? ["Assurance responsabilité civile professionnelle"] : []),
    ...(need.referencesRequired ? ["Références clients"] : []),
    ...(need.requirementsNote ? [need.requirementsNote] : []),
  ];
  return (
    <Card title="Le besoin">
      <p style={{ whiteSpace: "pre-line" }}>{need.description || "Pas encore de description."}</p>
      <dl className="grid grid-2">
        <div>
          <dt>Catégories</dt>
          <dd>{need.categories.map(categoryLabel).join(", ") || "non précisées"}</dd>
        </div>
        <div>
          <dt>Lieu</dt>
          <dd>
            {place ?? "non précisé"} · {perimeterText(need)}
          </dd>
        </div>
        <div>
          <dt>Budget</dt>
          <dd>
            {budgetBandLabel(need.budgetBand) || "non précisé"}
            {need.amountCents !== null ? ` (environ ${formatEuros(need.amountCents / 100)})` : ""}
          </dd>
        </div>
        <div>
          <dt>Calendrier</dt>
          <dd>
            Réponse avant le {day(need.responseDeadline)} · démarrage {day(need.startDate)} · {need.recurrence === "recurring" ? "récurrent" : "ponctuel"}
          </dd>
        </div>
        <div>
          <dt>Démarche RSE</dt>
          <dd>{csrIntentLabel(need.csrIntent) || "non précisée"}</dd>
        </div>
        <div>
          <dt>Exigences</dt>
          <dd>{requirements.join(" ; ") || "aucune"}</dd>
        </div>
      </dl>
      {attachments.length ? (
        <>
          <h3>Pièces jointes</h3>
          <ul>
            {attachments.map((a) => (
              <li key={a.id}>
                <a href={fileHref(a.id)} download>
                  {a.filename ?? "document.pdf"}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

type Event = { id: string; action: string; fromStatus: NeedStatus | null; toStatus: NeedStatus; message: string | null; createdAt: string | Date; actorName: string | null };

const actionText: Record<string, string> = {
  created: "Brouillon créé",
  submitted: "Soumis",
  approved: "Validé par le club",
  changes_requested: "Modifications demandées par le club",
  rejected: "Refusé par le club",
  published: "Publié",
  closed: "Clos",
  expired: "Clos automatiquement",
  awarded: "Attribué",
  not_awarded: "Non attribué",
  cancelled: "Annulé",
};

export function NeedHistory({ events }: { events: Event[] }) {
  return (
    <Card title="Historique">
      <ol>
        {events.map((e) => (
          <li key={e.id}>
            {formatDateTime(e.createdAt)} : {actionText[e.action] ?? statusLabels[e.toStatus]}
            {e.actorName ? ` par ${e.actorName}` : e.action === "expired" ? " par le système" : ""}
            {e.message ? <> — « {e.message} »</> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export type SupplierResponse = {
  row: {
    supplierId: string;
    score: number | null;
    reasons: string[];
    matched: boolean;
    notifiedAt: string | Date | null;
    viewedAt: string | Date | null;
    interestedAt: string | Date | null;
    declinedAt: string | Date | null;
    declineReason: string | null;
    shortlistedAt: string | Date | null;
    selectedAt: string | Date | null;
    selectedAmountCents: number | null;
    remindersSent: number;
  };
  supplierName: string;
  siret: string;
  answer: { message: string; answers: { question: string; answer: string }[]; quoteAmountCents: number | null; quoteUploadId: string | null } | null;
};

function steps(r: SupplierResponse["row"]): string {
  const parts = [
    r.notifiedAt ? `prévenu le ${formatDate(r.notifiedAt)}` : "a trouvé le besoin",
    r.viewedAt ? `vu le ${formatDate(r.viewedAt)}` : null,
    r.interestedAt ? `intéressé le ${formatDate(r.interestedAt)}` : null,
    r.declinedAt ? `pas intéressé le ${formatDate(r.declinedAt)}` : null,
    r.shortlistedAt ? `présélectionné le ${formatDate(r.shortlistedAt)}` : null,
    r.selectedAt ? `retenu le ${formatDate(r.selectedAt)}` : null,
  ];
  return parts.filter(Boolean).join(" · ");
}

/** Every supplier reached or answering, with score, reasons, answer and the buyer's actions. */
export function SupplierResponses({ rows, canAct, maxReminders, fileHref }: { rows: SupplierResponse[]; canAct: boolean; maxReminders: number; fileHref: (uploadId: string) => string }) {
  if (rows.length === 0) return <EmptyState title="Aucun fournisseur n'a encore été prévenu ni n'a répondu." />;
  return (
    <>
      {rows.map(({ row, supplierName, siret, answer }) => (
        <Card
          key={row.supplierId}
          title={supplierName}
          headingLevel={3}
          actions={
            <span>
              {row.score !== null ? <Badge tone="info">Score {row.score}/100</Badge> : null} {row.selectedAt ? <Badge tone="success">Retenu</Badge> : row.shortlistedAt ? <Badge tone="warning">Présélectionné</Badge> : null}
            </span>
          }
        >
          <p className="muted">
            SIRET {siret} · {steps(row)}
          </p>
          {row.reasons.length ? (
            <ul aria-label={`Pourquoi ${supplierName}`}>
              {row.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          {row.declinedAt ? <p>Motif : « {row.declineReason} »</p> : null}
          {answer && row.interestedAt ? (
            <div>
              <p style={{ whiteSpace: "pre-line" }}>{answer.message}</p>
              {answer.answers.length ? (
                <dl>
                  {answer.answers.map((a) => (
                    <div key={a.question}>
                      <dt>{a.question}</dt>
                      <dd>{a.answer}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {answer.quoteAmountCents !== null ? <p>Devis : {formatEuros(answer.quoteAmountCents / 100)}</p> : null}
              {answer.quoteUploadId ? (
                <p>
                  <a href={fileHref(answer.quoteUploadId)} download>
                    Télécharger le devis de {supplierName}
                  </a>
                </p>
              ) : null}
            </div>
          ) : null}
          {row.selectedAt && row.selectedAmountCents !== null ? <p>Montant retenu : {formatEuros(row.selectedAmountCents / 100)}</p> : null}
          {canAct ? (
            <div className="actions">
              {row.interestedAt ? (
                <>
                  <Form method="post">
                    <input type="hidden" name="intent" value="shortlist" />
                    <input type="hidden" name="supplierId" value={row.supplierId} />
                    {row.shortlistedAt ? null : <input type="hidden" name="on" value="on" />}
                    <Button type="submit" variant="secondary">
                      {row.shortlistedAt ? `Retirer ${supplierName} de la présélection` : `Présélectionner ${supplierName}`}
                    </Button>
                  </Form>
                  {row.selectedAt ? null : (
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="select" />
                      <input type="hidden" name="supplierId" value={row.supplierId} />
                      <TextField label={`Montant retenu pour ${supplierName} (€)`} name="amount" id={`amount-${row.supplierId}`} inputMode="decimal" />
                      <Button type="submit">Retenir {supplierName}</Button>
                    </Form>
                  )}
                </>
              ) : !row.declinedAt && row.notifiedAt && row.remindersSent < maxReminders ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remind" />
                  <input type="hidden" name="supplierId" value={row.supplierId} />
                  <Button type="submit" variant="secondary">
                    Relancer {supplierName} ({row.remindersSent}/{maxReminders})
                  </Button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </Card>
      ))}
    </>
  );
}

/** The buyer's end-of-life-cycle buttons: close answers, record the outcome, cancel. */
export function NeedActions({ status }: { status: string }) {
  if (!["submitted", "published", "closed"].includes(status)) return null;
  return (
    <Card title="Suite du besoin">
      <div className="actions">
        {status === "published" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <Button type="submit" variant="secondary">
              Clore les réponses
            </Button>
          </Form>
        ) : null}
        {status !== "submitted" ? (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="award" />
              <input type="hidden" name="outcome" value="awarded" />
              <Button type="submit">Marquer comme attribué</Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="award" />
              <input type="hidden" name="outcome" value="not_awarded" />
              <Button type="submit" variant="secondary">
                Marquer comme non attribué
              </Button>
            </Form>
          </>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <Button type="submit" variant="danger">
            Annuler le besoin
          </Button>
        </Form>
      </div>
    </Card>
  );
}
