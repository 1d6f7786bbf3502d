// The club's follow-up sessions: going round the table, the animator sees per participant the
// open opportunities and what changed since the previous session, and records the news.
import { and, asc, desc, eq, gt, inArray, lt, lte } from "drizzle-orm";
import { db } from "../../../db/connection";
import { followUpSessions, opportunityEvents } from "../../../db/schema";
import { historyQuery, listOpportunities, type OpportunitySummary } from "./opportunities.server";
import { isOpen, lostReasonLabel, originLabels, stageLabels } from "./stages";
import { toCsv } from "~/lib/csv-write";
import { DomainError } from "~/lib/errors";

export type FollowUpSession = typeof followUpSessions.$inferSelect;

export async function createFollowUpSession(input: { clubId: string; actorId: string; title: string; now?: Date }): Promise<FollowUpSession> {
  const [row] = await db
    .insert(followUpSessions)
    .values({ clubId: input.clubId, title: input.title, heldAt: input.now ?? new Date(), createdBy: input.actorId })
    .returning();
  return row!;
}

export function listFollowUpSessions(clubId: string) {
  return db.select().from(followUpSessions).where(eq(followUpSessions.clubId, clubId)).orderBy(desc(followUpSessions.heldAt)).limit(100);
}

export type ParticipantFollowUp = {
  key: string;
  organisationId: string;
  name: string;
  side: "buyer" | "supplier";
  opportunities: (OpportunitySummary & { changes: Change[] })[];
};
type Change = Awaited<ReturnType<typeof changesBetween>>[number];

function changesBetween(opportunityIds: string[], since: Date | null, until: Date) {
  if (!opportunityIds.length) return Promise.resolve([]);
  return historyQuery()
    .where(and(inArray(opportunityEvents.opportunityId, opportunityIds), since ? gt(opportunityEvents.createdAt, since) : undefined, lte(opportunityEvents.createdAt, until)))
    .orderBy(asc(opportunityEvents.createdAt));
}

/**
 * One session: its window runs from the previous session to the next one (or now, for the
 * latest). Listed: every open opportunity, and the closed ones that changed in the window.
 */
export async function followUpSessionView(input: { clubId: string; sessionId: string; now?: Date }) {
  if (!/^[0-9a-f-]{36}$/i.test(input.sessionId)) throw new DomainError("not_found", "Séance introuvable.");
  const [session] = await db
    .select()
    .from(followUpSessions)
    .where(and(eq(followUpSessions.id, input.sessionId), eq(followUpSessions.clubId, input.clubId)));
  if (!session) throw new DomainError("not_found", "Séance introuvable.");
  const [previous] = await db
    .select()
    .from(followUpSessions)
    .where(and(eq(followUpSessions.clubId, input.clubId), lt(followUpSessions.heldAt, session.heldAt)))
    .orderBy(desc(followUpSessions.heldAt))
    .limit(1);
  const [next] = await db
    .select()
    .from(followUpSessions)
    .where(and(eq(followUpSessions.clubId, input.clubId), gt(followUpSessions.heldAt, session.heldAt)))
    .orderBy(asc(followUpSessions.heldAt))
    .limit(1);
  const since = previous?.heldAt ?? null;
  const until = next?.heldAt ?? input.now ?? new Date();
  const all = await listOpportunities({ kind: "club", clubId: input.clubId });
  const changes = await changesBetween(
    all.map((o) => o.id),
    since,
    until,
  );
  const changesOf = new Map<string, Change[]>();
  for (const c of changes) changesOf.set(c.opportunityId, [...(changesOf.get(c.opportunityId) ?? []), c]);
  const listed = all.filter((o) => isOpen(o.stage) || changesOf.has(o.id)).map((o) => ({ ...o, changes: changesOf.get(o.id) ?? [] }));

  const participants = new Map<string, ParticipantFollowUp>();
  const add = (key: string, organisationId: string, name: string, side: "buyer" | "supplier", o: (typeof listed)[number]) => {
    const entry = participants.get(key) ?? { key, organisationId, name, side, opportunities: [] };
    entry.opportunities.push(o);
    participants.set(key, entry);
  };
  for (const o of listed) {
    add(`b-${o.buyerOrganisationId}`, o.buyerOrganisationId, o.buyerName, "buyer", o);
    add(`s-${o.supplierOrganisationId}`, o.supplierOrganisationId, o.supplierName, "supplier", o);
  }
  const sorted = [...participants.values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { session, previous: previous ?? null, next: next ?? null, participants: sorted, opportunityCount: listed.length };
}

export type FollowUpView = Awaited<ReturnType<typeof followUpSessionView>>;

function describeChange(c: Change): string {
  const when = c.createdAt.toISOString().slice(0, 10);
  const what =
    c.kind === "created"
      ? `créée (${c.toStage ? stageLabels[c.toStage] : ""})`
      : c.kind === "stage"
        ? `${c.fromStage ? stageLabels[c.fromStage] : "?"} → ${c.toStage ? stageLabels[c.toStage] : "?"}`
        : c.kind === "contract"
          ? "contrat mis à jour"
          : "note";
  return `${when} ${what}${c.note ? ` : ${c.note}` : ""}`;
}

/** One line per participant and opportunity, as listed on the page. */
export function followUpCsv(view: FollowUpView): string {
  const rows = view.participants.flatMap((p) =>
    p.opportunities.map((o) => [
      p.name,
      p.side === "buyer" ? "Acheteur" : "Fournisseur",
      o.buyerName,
      o.supplierName,
      originLabels[o.origin],
      o.needTitle ?? o.eventTitle ?? "",
      stageLabels[o.stage],
      o.contractAmountCents !== null ? (o.contractAmountCents / 100).toFixed(2) : "",
      lostReasonLabel(o.lostReason) ?? "",
      o.updatedAt.toISOString().slice(0, 10),
      o.changes.map(describeChange).join(" | "),
    ]),
  );
  return toCsv(
    ["Participant", "Rôle", "Acheteur", "Fournisseur", "Origine", "Besoin ou rencontre", "Étape", "Montant HT (€)", "Raison de la perte", "Dernière nouvelle", "Changements depuis la séance précédente"],
    rows,
  );
}
