import { Form, Link } from "@remix-run/react";
import { Badge, type BadgeTone } from "~/components/Badge";
import { Button } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { SelectField, TextAreaField, TextField } from "~/components/Field";
import { withParam } from "~/lib/url";
import { formatDate, formatEuros } from "~/lib/format";
import { LOST_REASONS, lostReasonLabel, OPPORTUNITY_STAGES, originLabels, stageLabels, type OpportunityOrigin, type OpportunityStage } from "~/modules/opportunities/stages";

/** What a list shows of an opportunity (dates arrive as strings once serialised). */
export type OpportunityItem = {
  id: string;
  stage: OpportunityStage;
  origin: OpportunityOrigin;
  buyerName: string;
  supplierName: string;
  needTitle: string | null;
  eventTitle: string | null;
  contractAmountCents: number | null;
  lostReason: string | null;
  updatedAt: string | Date;
};

const tones: Record<OpportunityStage, BadgeTone> = { contact: "neutral", meeting_held: "info", quote_sent: "info", won: "success", lost: "danger", abandoned: "warning" };

export function StageBadge({ stage }: { stage: OpportunityStage }) {
  return <Badge tone={tones[stage]}>{stageLabels[stage]}</Badge>;
}

export function OpportunityTitle({ o }: { o: OpportunityItem }) {
  return (
    <>
      {o.buyerName} × {o.supplierName}
    </>
  );
}

function context(o: OpportunityItem): string {
  return `${originLabels[o.origin]}${o.needTitle ? ` : ${o.needTitle}` : o.eventTitle ? ` : ${o.eventTitle}` : ""}`;
}

function outcome(o: OpportunityItem): string {
  if (o.stage === "won" && o.contractAmountCents !== null) return `${formatEuros(o.contractAmountCents / 100)} HT`;
  if (o.stage === "lost") return lostReasonLabel(o.lostReason) ?? "";
  return "";
}

export function OpportunityTable({ items, caption, hrefOf }: { items: OpportunityItem[]; caption: string; hrefOf: (id: string) => string }) {
  return (
    <DataTable
      caption={caption}
      rowKey={(o) => o.id}
      rows={items}
      columns={[
        {
          header: "Acheteur × fournisseur",
          cell: (o) => (
            <Link to={hrefOf(o.id)}>
              <OpportunityTitle o={o} />
            </Link>
          ),
        },
        { header: "Origine", cell: context },
        { header: "Étape", cell: (o) => <StageBadge stage={o.stage} /> },
        { header: "Résultat", cell: outcome },
        { header: "Dernière nouvelle", cell: (o) => formatDate(o.updatedAt) },
      ]}
    />
  );
}

/** Columns by stage; without CSS or JavaScript it reads as one list per stage. */
export function OpportunityKanban({ items, hrefOf }: { items: OpportunityItem[]; hrefOf: (id: string) => string }) {
  return (
    <div className="kanban">
      {OPPORTUNITY_STAGES.map((stage) => {
        const column = items.filter((o) => o.stage === stage);
        return (
          <section key={stage} className="kanban-column" aria-labelledby={`kanban-${stage}`}>
            <h2 id={`kanban-${stage}`}>
              {stageLabels[stage]} <span className="muted">({column.length})</span>
            </h2>
            {column.length === 0 ? (
              <p className="muted">Aucune.</p>
            ) : (
              <ul>
                {column.map((o) => (
                  <li key={o.id} className="kanban-card">
                    <Link to={hrefOf(o.id)}>
                      <OpportunityTitle o={o} />
                    </Link>
                    <p className="muted">{context(o)}</p>
                    {outcome(o) ? <p>{outcome(o)}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}

type FieldErrors = Record<string, string[] | null | undefined> | undefined;

/**
 * The two updates: a new stage (contract fields matter for "Gagnée", the reason for "Perdue")
 * and a note. Plain forms: they work without JavaScript.
 */
export function OpportunityUpdateForms({ opportunityId, current, errors, idPrefix = "opp", action }: { opportunityId?: string; current: OpportunityStage; errors?: FieldErrors; idPrefix?: string; action?: string }) {
  return (
    <div className="grid grid-2">
      <Form method="post" action={action} noValidate aria-labelledby={`${idPrefix}-stage-title`}>
        <h3 id={`${idPrefix}-stage-title`}>Changer d'étape</h3>
        <input type="hidden" name="intent" value="stage" />
        {opportunityId ? <input type="hidden" name="opportunityId" value={opportunityId} /> : null}
        <SelectField
          label="Nouvelle étape"
          name="to"
          id={`${idPrefix}-to`}
          defaultValue={current}
          errors={errors?.to ?? undefined}
          options={OPPORTUNITY_STAGES.map((s) => ({ value: s, label: stageLabels[s] }))}
        />
        <fieldset>
          <legend>Si l'affaire est gagnée</legend>
          <TextField label="Date de signature" name="signedOn" id={`${idPrefix}-signedOn`} type="date" errors={errors?.signedOn ?? undefined} />
          <TextField label="Montant du contrat (€ HT)" name="amount" id={`${idPrefix}-amount`} inputMode="decimal" errors={errors?.amount ?? undefined} hint="Par exemple 12 500." />
          <TextField label="Durée (mois)" name="durationMonths" id={`${idPrefix}-duration`} type="number" min={1} max={120} errors={errors?.durationMonths ?? undefined} />
          <label className="checkbox">
            <input type="checkbox" name="recurring" /> Contrat récurrent
          </label>
        </fieldset>
        <SelectField
          label="Si l'affaire est perdue : raison"
          name="lostReason"
          id={`${idPrefix}-lostReason`}
          defaultValue=""
          errors={errors?.lostReason ?? undefined}
          options={[{ value: "", label: "—" }, ...LOST_REASONS.map((r) => ({ value: r.value, label: r.label }))]}
        />
        <TextAreaField label="Note (facultative)" name="note" id={`${idPrefix}-stage-note`} rows={2} errors={errors?.note ?? undefined} />
        <Button type="submit">Enregistrer l'étape</Button>
      </Form>
      <Form method="post" action={action} noValidate aria-labelledby={`${idPrefix}-note-title`}>
        <h3 id={`${idPrefix}-note-title`}>Ajouter une nouvelle</h3>
        <input type="hidden" name="intent" value="note" />
        {opportunityId ? <input type="hidden" name="opportunityId" value={opportunityId} /> : null}
        <TextAreaField label="Note" name="note" id={`${idPrefix}-note`} rows={4} hint="Ce qui s'est passé depuis la dernière fois." />
        <Button type="submit" variant="secondary">
          Ajouter la note
        </Button>
      </Form>
    </div>
  );
}

export type HistoryItem = {
  id: string;
  kind: "created" | "stage" | "note" | "contract";
  fromStage: OpportunityStage | null;
  toStage: OpportunityStage | null;
  note: string | null;
  via: string | null;
  actorName: string | null;
  createdAt: string | Date;
};

export function OpportunityHistory({ items }: { items: HistoryItem[] }) {
  return (
    <ol className="history">
      {items.map((h) => (
        <li key={h.id}>
          <strong>{formatDate(h.createdAt)}</strong> —{" "}
          {h.kind === "created"
            ? `Opportunité créée (${h.toStage ? stageLabels[h.toStage] : ""})`
            : h.kind === "stage"
              ? `${h.fromStage ? stageLabels[h.fromStage] : ""} → ${h.toStage ? stageLabels[h.toStage] : ""}`
              : h.kind === "contract"
                ? "Contrat mis à jour"
                : "Note"}
          {h.actorName || h.via ? <span className="muted"> · {[h.actorName, h.via].filter(Boolean).join(", ")}</span> : null}
          {h.note ? <p>{h.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/** The list's filters (a GET form: every state is in the URL) and the list / kanban switch. */
export function OpportunityFilters({ filters, view, search, org }: { filters: { etape?: string; origine?: string; q?: string }; view: string; search: string; org?: string | null }) {
  const params = new URLSearchParams(search);
  return (
    <>
      <Form method="get" className="filters" aria-label="Filtrer les opportunités">
        {org ? <input type="hidden" name="org" value={org} /> : null}
        <SelectField
          label="Étape"
          name="etape"
          defaultValue={filters.etape ?? ""}
          options={[{ value: "", label: "Toutes" }, { value: "ouvertes", label: "En cours" }, ...OPPORTUNITY_STAGES.map((s) => ({ value: s, label: stageLabels[s] }))]}
        />
        <SelectField
          label="Origine"
          name="origine"
          defaultValue={filters.origine ?? ""}
          options={[{ value: "", label: "Toutes" }, ...(Object.keys(originLabels) as OpportunityOrigin[]).map((o) => ({ value: o, label: originLabels[o] }))]}
        />
        <TextField label="Rechercher" name="q" type="search" defaultValue={filters.q ?? ""} hint="Entreprise, besoin ou rencontre." />
        <input type="hidden" name="vue" value={view} />
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      <p>
        Affichage : {view === "kanban" ? <Link to={withParam(params, "vue", "liste")}>liste</Link> : <strong>liste</strong>} ·{" "}
        {view === "kanban" ? <strong>tableau par étape</strong> : <Link to={withParam(params, "vue", "kanban")}>tableau par étape</Link>}
      </p>
    </>
  );
}

export type SurveyItem = {
  key: number;
  side: "buyer" | "supplier";
  offsetDays: number;
  dueAt: string | Date;
  sentAt: string | Date | null;
  answeredAt: string | Date | null;
  answer: "yes" | "not_yet" | "no" | null;
  skippedAt: string | Date | null;
};

const answerLabels = { yes: "Oui, une affaire", not_yet: "Pas encore", no: "Non" } as const;

function surveyState(s: SurveyItem): string {
  if (s.answeredAt) return `Répondu le ${formatDate(s.answeredAt)}${s.answer ? ` : ${answerLabels[s.answer]}` : ""}`;
  if (s.skippedAt) return "Non envoyée (opportunité close ou enquête plus récente)";
  if (s.sentAt) return `Envoyée le ${formatDate(s.sentAt)}, sans réponse`;
  return "À venir";
}

/** The 30, 90 and 180-day surveys of each side: when, and what became of them. */
export function OpportunitySurveys({ items }: { items: SurveyItem[] }) {
  return (
    <DataTable
      caption="Enquêtes de suivi (« Cela a-t-il débouché sur une affaire ? »)"
      rowKey={(s) => s.key}
      rows={items}
      columns={[
        { header: "Côté", cell: (s) => (s.side === "buyer" ? "Acheteur" : "Fournisseur") },
        { header: "Échéance", cell: (s) => `J+${s.offsetDays} (${formatDate(s.dueAt)})` },
        { header: "État", cell: surveyState },
      ]}
    />
  );
}
