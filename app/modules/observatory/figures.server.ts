// The observatory's figures for one scope (a club, or a territory: EPCI, department, QPV) and one
// period [from, to] (Europe/Paris calendar days, both included). One function computes the whole
// set; the dashboards, the public page (after disclosure control) and the CSV all read it.
import { sql, type SQL } from "drizzle-orm";
import { db } from "../../../db/connection";
import { rows, type Executor } from "../../../db/client";
import { categoryLabel } from "../suppliers/categories";
import { OPPORTUNITY_STAGES, originLabels, stageLabels, type OpportunityOrigin, type OpportunityStage } from "../opportunities/stages";
import { topShare, type AmountCell, type Cell } from "./disclosure";
import { monthOf, monthsBetween, rate, type Period } from "./periods";

export type Scope =
  | { kind: "club"; clubId: string }
  | { kind: "territory"; epciSiren?: string | null; departmentCode?: string | null; qpvCode?: string | null };

/** A count and the number of distinct companies behind it (what disclosure control needs). */
export type Count = Cell;

export type MonthFigures = {
  month: string;
  suppliersNew: number;
  needsPosted: number;
  eventsHeld: number;
  meetingsHeld: number;
  opportunitiesCreated: number;
  contractsWon: number;
  amountWonCents: number;
};

export type Figures = {
  period: Period;
  suppliers: {
    total: Count;
    verified: Count;
    new: Count;
    byCategory: { category: string; label: string; total: Count; verified: Count }[];
    /** One row per QPV, then (qpvCode null) the suppliers outside any QPV or without one declared. */
    byQpv: { qpvCode: string | null; label: string; verified: Count; notVerified: Count; total: Count }[];
  };
  needs: { posted: Count; matched: Count; answered: Count; suppliersNotified: Count; suppliersInterested: Count; matchRate: number | null; answerRate: number | null };
  events: { held: Count; buyers: Count; suppliers: Count; meetingsScheduled: Count; meetingsHeld: Count; heldRate: number | null };
  opportunities: {
    created: Count;
    byStage: { stage: OpportunityStage; label: string; count: Count }[];
    byOrigin: { origin: OpportunityOrigin; label: string; count: Count }[];
  };
  contracts: { won: Count; amountCents: AmountCell; wonQpv: Count; amountQpvCents: AmountCell };
  months: MonthFigures[];
};

const parisDay = (column: SQL) => sql`((${column} AT TIME ZONE 'Europe/Paris')::date)`;
const parisDayText = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`;

/** Suppliers (alias `s`) of the scope: a club's sourced ones and those in its QPV; a territory's by location. */
export function supplierScopeSql(scope: Scope): SQL {
  if (scope.kind === "club") {
    return sql`(s.id IN (SELECT supplier_id FROM club_suppliers WHERE club_id = ${scope.clubId}) OR s.qpv_code IN (SELECT qpv_code FROM club_qpvs WHERE club_id = ${scope.clubId}))`;
  }
  const conditions: SQL[] = [];
  // An EPCI's suppliers: located in one of its communes, or in a QPV of one of its clubs (the
  // communes of an établissement public territorial carry the métropole's SIREN, not the EPT's).
  if (scope.epciSiren) {
    conditions.push(
      sql`(s.commune_insee IN (SELECT insee FROM communes WHERE epci_siren = ${scope.epciSiren})
           OR s.qpv_code IN (SELECT cq.qpv_code FROM club_qpvs cq JOIN clubs c ON c.organisation_id = cq.club_id WHERE c.epci_siren = ${scope.epciSiren}))`,
    );
  }
  if (scope.departmentCode) conditions.push(sql`s.commune_insee IN (SELECT insee FROM communes WHERE department_code = ${scope.departmentCode})`);
  if (scope.qpvCode) conditions.push(sql`s.qpv_code = ${scope.qpvCode}`);
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`;
}

/** Clubs of the scope, for what happens in a club (needs, events): the club, or the clubs of the territory. */
export function clubScopeSql(scope: Scope, column: SQL): SQL {
  if (scope.kind === "club") return sql`${column} = ${scope.clubId}`;
  const conditions: SQL[] = [];
  // A club belongs to an EPCI or a department through its own EPCI or through one of its QPV (a
  // club of an établissement public territorial has the EPT's SIREN, its QPV the métropole's).
  const clubQpvWhere = (condition: SQL) => sql`EXISTS (SELECT 1 FROM club_qpvs cq JOIN qpvs q ON q.code = cq.qpv_code WHERE cq.club_id = c.organisation_id AND ${condition})`;
  if (scope.epciSiren) conditions.push(sql`(c.epci_siren = ${scope.epciSiren} OR ${clubQpvWhere(sql`q.epci_siren = ${scope.epciSiren}`)})`);
  if (scope.departmentCode) {
    conditions.push(
      sql`(${clubQpvWhere(sql`q.department_code = ${scope.departmentCode}`)} OR EXISTS (SELECT 1 FROM communes cm WHERE cm.epci_siren = c.epci_siren AND cm.department_code = ${scope.departmentCode}))`,
    );
  }
  if (scope.qpvCode) conditions.push(sql`EXISTS (SELECT 1 FROM club_qpvs cq WHERE cq.club_id = c.organisation_id AND cq.qpv_code = ${scope.qpvCode})`);
  if (!conditions.length) return sql`TRUE`;
  return sql`${column} IN (SELECT c.organisation_id FROM clubs c WHERE ${sql.join(conditions, sql` AND `)})`;
}

/** Opportunities (alias `o`, suppliers `s` joined) of the scope: the club's, or those with a supplier of the territory. */
function opportunityScopeSql(scope: Scope): SQL {
  return scope.kind === "club" ? sql`o.club_id = ${scope.clubId}` : supplierScopeSql(scope);
}

const count = (items: unknown[], companies: Iterable<unknown>): Count => ({ value: items.length, companies: new Set(companies).size });
/** A count of buyer–supplier pairs rests on the smaller of its two sets of companies. */
const pairCount = (items: { buyer: string; supplier: string }[]): Count => ({
  value: items.length,
  companies: Math.min(new Set(items.map((i) => i.buyer)).size, new Set(items.map((i) => i.supplier)).size),
});

function sumBy<T>(items: T[], key: (item: T) => string, value: (item: T) => number): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + value(item));
  return out;
}

/** An amount over contracts, with the companies behind it and the largest one's share (buyer or supplier side). */
function amountCell(items: { buyer: string; supplier: string; cents: number }[]): AmountCell {
  return {
    value: items.reduce((a, i) => a + i.cents, 0),
    companies: pairCount(items).companies,
    topShare: Math.max(topShare(sumBy(items, (i) => i.supplier, (i) => i.cents).values()), topShare(sumBy(items, (i) => i.buyer, (i) => i.cents).values())),
  };
}

type SupplierRow = { id: string; categories: string[]; qpv_code: string | null; qpv_name: string | null; qpv_status: string; created: string };
type NeedPairRow = { need_id: string; buyer: string; published: string; supplier_id: string | null; matched: boolean | null; notified: boolean | null; interested: boolean | null };
type MeetingRow = { event_id: string; event_date: string; status: string | null; org_a: string | null; org_b: string | null };
type ParticipantRow = { event_id: string; organisation_id: string; side: "buyer" | "supplier" };
type OpportunityRow = {
  id: string;
  buyer: string;
  supplier: string;
  stage: OpportunityStage;
  origin: OpportunityOrigin;
  created: string;
  signed_on: string | null;
  amount_cents: string | number | null;
  qpv_status: string;
};

/** The whole set of figures of a scope over a period. */
export async function computeFigures(input: { scope: Scope; period: Period; executor?: Executor }): Promise<Figures> {
  const ex = input.executor ?? db;
  const { from, to } = input.period;
  const { scope } = input;

  const supplierRows = await rows<SupplierRow>(
    ex,
    sql`SELECT s.id, s.categories, s.qpv_code, q.name AS qpv_name, s.qpv_status::text AS qpv_status, ${parisDayText(sql`s.created_at`)} AS created
        FROM suppliers s LEFT JOIN qpvs q ON q.code = s.qpv_code
        WHERE ${supplierScopeSql(scope)} AND ${parisDay(sql`s.created_at`)} <= ${to}::date`,
  );

  const needRows = await rows<NeedPairRow>(
    ex,
    sql`SELECT n.id AS need_id, n.buyer_organisation_id AS buyer, ${parisDayText(sql`n.published_at`)} AS published,
               ns.supplier_id, ns.matched, ns.notified_at IS NOT NULL AS notified, ns.interested_at IS NOT NULL AS interested
        FROM needs n LEFT JOIN need_suppliers ns ON ns.need_id = n.id
        WHERE ${clubScopeSql(scope, sql`n.club_id`)} AND n.published_at IS NOT NULL
          AND ${parisDay(sql`n.published_at`)} BETWEEN ${from}::date AND ${to}::date`,
  );

  const eventWhere = sql`${clubScopeSql(scope, sql`e.club_id`)} AND e.status <> 'draft' AND e.date BETWEEN ${from}::date AND ${to}::date`;
  const meetingRows = await rows<MeetingRow>(
    ex,
    sql`SELECT e.id AS event_id, to_char(e.date, 'YYYY-MM-DD') AS event_date, m.status::text AS status, pa.organisation_id AS org_a, pb.organisation_id AS org_b
        FROM events e
        LEFT JOIN meetings m ON m.event_id = e.id
        LEFT JOIN event_participants pa ON pa.id = m.participant_a
        LEFT JOIN event_participants pb ON pb.id = m.participant_b
        WHERE ${eventWhere}`,
  );
  const participantRows = await rows<ParticipantRow>(
    ex,
    sql`SELECT p.event_id, p.organisation_id, p.side::text AS side FROM event_participants p JOIN events e ON e.id = p.event_id
        WHERE ${eventWhere} AND p.status = 'approved'`,
  );

  const opportunityRows = await rows<OpportunityRow>(
    ex,
    sql`SELECT o.id, o.buyer_organisation_id AS buyer, o.supplier_id AS supplier, o.stage::text AS stage, o.origin::text AS origin,
               ${parisDayText(sql`o.created_at`)} AS created, to_char(o.contract_signed_on, 'YYYY-MM-DD') AS signed_on,
               o.contract_amount_cents AS amount_cents, s.qpv_status::text AS qpv_status
        FROM opportunities o JOIN suppliers s ON s.id = o.supplier_id
        WHERE ${opportunityScopeSql(scope)}
          AND (${parisDay(sql`o.created_at`)} BETWEEN ${from}::date AND ${to}::date
               OR (o.stage = 'won' AND o.contract_signed_on BETWEEN ${from}::date AND ${to}::date))`,
  );

  return assembleFigures({ period: input.period, supplierRows, needRows, meetingRows, participantRows, opportunityRows });
}

function assembleFigures(data: {
  period: Period;
  supplierRows: SupplierRow[];
  needRows: NeedPairRow[];
  meetingRows: MeetingRow[];
  participantRows: ParticipantRow[];
  opportunityRows: OpportunityRow[];
}): Figures {
  const { from, to } = data.period;
  const inPeriod = (day: string | null) => day !== null && day >= from && day <= to;

  // Suppliers: the stock at the end of the period, and those added during it.
  const sup = data.supplierRows;
  const verified = sup.filter((s) => s.qpv_status === "verified");
  const added = sup.filter((s) => s.created >= from);
  const categories = [...new Set(sup.flatMap((s) => s.categories))];
  const byCategory = categories
    .map((category) => {
      const inCategory = sup.filter((s) => s.categories.includes(category));
      const v = inCategory.filter((s) => s.qpv_status === "verified");
      return { category, label: categoryLabel(category), total: count(inCategory, inCategory.map((s) => s.id)), verified: count(v, v.map((s) => s.id)) };
    })
    .sort((a, b) => b.total.value - a.total.value || a.label.localeCompare(b.label, "fr"));
  const qpvKeys = [...new Set(sup.map((s) => s.qpv_code))];
  const byQpv = qpvKeys
    .map((code) => {
      const inQpv = sup.filter((s) => s.qpv_code === code);
      const v = inQpv.filter((s) => code !== null && s.qpv_status === "verified");
      const other = inQpv.filter((s) => !v.includes(s));
      return {
        qpvCode: code,
        label: code === null ? "Hors QPV ou QPV non déclaré" : `${inQpv[0]!.qpv_name ?? code} (${code})`,
        verified: count(v, v.map((s) => s.id)),
        notVerified: count(other, other.map((s) => s.id)),
        total: count(inQpv, inQpv.map((s) => s.id)),
      };
    })
    .sort((a, b) => Number(a.qpvCode === null) - Number(b.qpvCode === null) || b.total.value - a.total.value || a.label.localeCompare(b.label, "fr"));

  // Needs published during the period, and what their matched suppliers did.
  const needIds = [...new Set(data.needRows.map((n) => n.need_id))];
  const needInfo = new Map(data.needRows.map((n) => [n.need_id, n]));
  const needsWith = (test: (r: NeedPairRow) => boolean) => [...new Set(data.needRows.filter(test).map((r) => r.need_id))];
  const matchedNeeds = needsWith((r) => r.matched === true);
  const answeredNeeds = needsWith((r) => r.interested === true);
  const needCount = (ids: string[]) => count(ids, ids.map((id) => needInfo.get(id)!.buyer));
  const notifiedPairs = data.needRows.filter((r) => r.notified === true);
  const interestedPairs = data.needRows.filter((r) => r.interested === true);

  // Events held during the period, their participants and meetings.
  const eventIds = [...new Set(data.meetingRows.map((m) => m.event_id))];
  const participantsOf = (side: "buyer" | "supplier") => data.participantRows.filter((p) => p.side === side).map((p) => p.organisation_id);
  const meetings = data.meetingRows.filter((m) => m.status !== null && m.status !== "cancelled");
  const held = meetings.filter((m) => m.status === "held");
  const meetingCount = (items: MeetingRow[]) => count(items, items.flatMap((m) => [m.org_a, m.org_b]));

  // Opportunities created during the period; contracts signed during it.
  const created = data.opportunityRows.filter((o) => inPeriod(o.created));
  const won = data.opportunityRows
    .filter((o) => o.stage === "won" && inPeriod(o.signed_on))
    .map((o) => ({ ...o, cents: Number(o.amount_cents ?? 0) }));
  const wonQpv = won.filter((o) => o.qpv_status === "verified");

  const months = monthsBetween(from, to).map((month) => {
    const wonThisMonth = won.filter((o) => monthOf(o.signed_on!) === month);
    return {
      month,
      suppliersNew: added.filter((s) => monthOf(s.created) === month).length,
      needsPosted: needIds.filter((id) => monthOf(needInfo.get(id)!.published) === month).length,
      eventsHeld: eventIds.filter((id) => monthOf(data.meetingRows.find((m) => m.event_id === id)!.event_date) === month).length,
      meetingsHeld: held.filter((m) => monthOf(m.event_date) === month).length,
      opportunitiesCreated: created.filter((o) => monthOf(o.created) === month).length,
      contractsWon: wonThisMonth.length,
      amountWonCents: wonThisMonth.reduce((a, o) => a + o.cents, 0),
    };
  });

  const posted = needCount(needIds);
  const matched = needCount(matchedNeeds);
  const answered = needCount(answeredNeeds);
  const suppliersNotified = count(notifiedPairs, notifiedPairs.map((r) => r.supplier_id));
  const suppliersInterested = count(interestedPairs, interestedPairs.map((r) => r.supplier_id));
  return {
    period: data.period,
    suppliers: {
      total: count(sup, sup.map((s) => s.id)),
      verified: count(verified, verified.map((s) => s.id)),
      new: count(added, added.map((s) => s.id)),
      byCategory,
      byQpv,
    },
    needs: {
      posted,
      matched,
      answered,
      suppliersNotified,
      suppliersInterested,
      matchRate: rate(matched.value, posted.value),
      answerRate: rate(suppliersInterested.value, suppliersNotified.value),
    },
    events: {
      held: count(eventIds, data.participantRows.map((p) => p.organisation_id)),
      buyers: count([...new Set(participantsOf("buyer"))], participantsOf("buyer")),
      suppliers: count([...new Set(participantsOf("supplier"))], participantsOf("supplier")),
      meetingsScheduled: meetingCount(meetings),
      meetingsHeld: meetingCount(held),
      heldRate: rate(held.length, meetings.length),
    },
    opportunities: {
      created: pairCount(created),
      byStage: OPPORTUNITY_STAGES.map((stage) => ({ stage, label: stageLabels[stage], count: pairCount(created.filter((o) => o.stage === stage)) })),
      byOrigin: (Object.keys(originLabels) as OpportunityOrigin[]).map((origin) => ({ origin, label: originLabels[origin], count: pairCount(created.filter((o) => o.origin === origin)) })),
    },
    contracts: { won: pairCount(won), amountCents: amountCell(won), wonQpv: pairCount(wonQpv), amountQpvCents: amountCell(wonQpv) },
    months,
  };
}
