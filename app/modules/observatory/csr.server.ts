// A buyer organisation's CSR purchasing report (PAQTE "acheter" pillar): the contracts it won with
// companies of the priority neighbourhoods, by quarter, by QPV, by category. Its own figures:
// no disclosure control (the buyer knows each of its contracts).
import { sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { rows, type Executor } from "../../../db/client";
import { categoryLabel } from "../suppliers/categories";
import { quarterLabel, quarterOf, quartersBetween, rate, type Period } from "./periods";

/** A QPV supplier, for the report: its neighbourhood was verified by a club animator. */
export const QPV_STATUS_COUNTED = "verified";

type Line = { contracts: number; amountCents: number; suppliers: number };

export type CsrReport = {
  period: Period;
  totals: Line & { qpvContracts: number; qpvAmountCents: number; qpvSuppliers: number; qpvShare: number | null; declaredContracts: number; declaredAmountCents: number };
  byQuarter: (Line & { quarter: string; label: string })[];
  byQpv: (Line & { qpvCode: string; label: string })[];
  byCategory: (Line & { category: string; label: string })[];
  suppliers: { supplierId: string; slug: string; name: string; qpvLabel: string; contracts: number; amountCents: number }[];
};

type ContractRow = {
  supplier_id: string;
  slug: string;
  name: string;
  qpv_status: string;
  qpv_code: string | null;
  qpv_name: string | null;
  commune_names: string | null;
  categories: string[];
  signed_on: string;
  amount_cents: string | number | null;
};

function line<T>(items: { supplierId: string; cents: number }[], extra: T): Line & T {
  return { contracts: items.length, amountCents: items.reduce((a, i) => a + i.cents, 0), suppliers: new Set(items.map((i) => i.supplierId)).size, ...extra };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** The contracts the organisation won (signed during the period), summed up. */
export async function buyerCsrReport(input: { organisationId: string; period: Period; executor?: Executor }): Promise<CsrReport> {
  const { from, to } = input.period;
  const found = await rows<ContractRow>(
    input.executor ?? db,
    sql`SELECT s.id AS supplier_id, s.slug, coalesce(s.trade_name, s.legal_name) AS name, s.qpv_status::text AS qpv_status, s.qpv_code,
               q.name AS qpv_name, q.commune_names, s.categories, to_char(o.contract_signed_on, 'YYYY-MM-DD') AS signed_on, o.contract_amount_cents AS amount_cents
        FROM opportunities o JOIN suppliers s ON s.id = o.supplier_id LEFT JOIN qpvs q ON q.code = s.qpv_code
        WHERE o.buyer_organisation_id = ${input.organisationId} AND o.stage = 'won'
          AND o.contract_signed_on BETWEEN ${from}::date AND ${to}::date
        ORDER BY o.contract_signed_on, s.legal_name`,
  );
  const all = found.map((r) => ({ ...r, supplierId: r.supplier_id, cents: Number(r.amount_cents ?? 0) }));
  const qpv = all.filter((r) => r.qpv_status === QPV_STATUS_COUNTED && r.qpv_code !== null);
  const declared = all.filter((r) => r.qpv_status === "declared");
  const qpvLabel = (r: ContractRow) => (r.qpv_code ? `${r.qpv_name ?? r.qpv_code} (${r.commune_names ?? r.qpv_code})` : "—");
  const total = line(all, {});
  const totalQpv = line(qpv, {});

  const byQuarter = groupBy(qpv, (r) => quarterOf(r.signed_on));
  const byQpv = groupBy(qpv, (r) => r.qpv_code!);
  // A company is counted in its main category (the first of its profile), so that amounts add up.
  const byCategory = groupBy(qpv, (r) => r.categories[0] ?? "");
  const bySupplier = groupBy(qpv, (r) => r.supplier_id);
  const byAmount = <T extends Line>(a: T & { label: string }, b: T & { label: string }) => b.amountCents - a.amountCents || a.label.localeCompare(b.label, "fr");

  return {
    period: input.period,
    totals: {
      ...total,
      qpvContracts: totalQpv.contracts,
      qpvAmountCents: totalQpv.amountCents,
      qpvSuppliers: totalQpv.suppliers,
      qpvShare: rate(totalQpv.amountCents, total.amountCents),
      declaredContracts: declared.length,
      declaredAmountCents: declared.reduce((a, r) => a + r.cents, 0),
    },
    byQuarter: quartersBetween(from, to).map((quarter) => line(byQuarter.get(quarter) ?? [], { quarter, label: quarterLabel(quarter) })),
    byQpv: [...byQpv].map(([code, items]) => line(items, { qpvCode: code, label: qpvLabel(items[0]!) })).sort(byAmount),
    byCategory: [...byCategory].map(([category, items]) => line(items, { category, label: category ? categoryLabel(category) : "Sans catégorie" })).sort(byAmount),
    suppliers: [...bySupplier]
      .map(([supplierId, items]) => ({ supplierId, slug: items[0]!.slug, name: items[0]!.name, label: items[0]!.name, qpvLabel: qpvLabel(items[0]!), contracts: items.length, amountCents: items.reduce((a, i) => a + i.cents, 0), suppliers: 1 }))
      .sort(byAmount)
      .map(({ supplierId, slug, name, qpvLabel: q, contracts, amountCents }) => ({ supplierId, slug, name, qpvLabel: q, contracts, amountCents })),
  };
}
