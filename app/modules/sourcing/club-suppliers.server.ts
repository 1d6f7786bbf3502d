// The animator's list of a club's suppliers: those the club sourced (club_suppliers) and those
// located in one of its QPV. Filters, sort and pagination; the CSV export gives the same list.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../../db/connection";
import { clubQpvs, clubSuppliers, communes, qpvs, supplierClaims, supplierReferences, supplierServices, suppliers } from "../../../db/schema";
import { categoryLabel } from "../suppliers/categories";
import { completenessInput } from "../suppliers/completeness-input";
import { profileCompleteness } from "../suppliers/completeness";
import { labelText } from "../suppliers/labels";
import { toCsv } from "~/lib/csv-write";
import { formatDate } from "~/lib/format";
import { searchKey } from "~/lib/text";

export const verificationStatuses = ["none", "declared", "verified", "rejected"] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

export const verificationLabels: Record<VerificationStatus, string> = {
  none: "QPV non déclaré",
  declared: "QPV déclaré, à vérifier",
  verified: "QPV vérifié",
  rejected: "QPV refusé",
};

export const clubSupplierSorts = ["name", "completeness", "recent"] as const;
export type ClubSupplierSort = (typeof clubSupplierSorts)[number];

export type ClubSupplierFilters = {
  status?: VerificationStatus;
  completenessMin?: number;
  completenessMax?: number;
  claimed?: "claimed" | "unclaimed";
  q?: string;
  sort?: ClubSupplierSort;
};

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const percent = z.preprocess(
  blankToUndefined,
  z.coerce.number({ message: "La complétude est un pourcentage entre 0 et 100." }).int("La complétude est un nombre entier.").min(0, "La complétude va de 0 à 100.").max(100, "La complétude va de 0 à 100.").optional(),
);

/** The list's filters as they appear in its URL (French names, so that links can be shared). */
export const ClubSupplierQuerySchema = z
  .object({
    statut: z.preprocess(blankToUndefined, z.enum(verificationStatuses, { message: "Statut de vérification inconnu." }).optional()),
    completude_min: percent,
    completude_max: percent,
    revendication: z.preprocess(blankToUndefined, z.enum(["revendiquee", "non-revendiquee"], { message: "Choix de revendication inconnu." }).optional()),
    q: z.preprocess(blankToUndefined, z.string().trim().max(100, "La recherche est trop longue.").optional()),
    tri: z.preprocess(blankToUndefined, z.enum(["nom", "completude", "recent"], { message: "Tri inconnu." }).optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number({ message: "Numéro de page invalide." }).int("Numéro de page invalide.").min(1, "Numéro de page invalide.").optional()),
  })
  .refine((v) => v.completude_min === undefined || v.completude_max === undefined || v.completude_min <= v.completude_max, {
    message: "La complétude minimale dépasse la maximale.",
    path: ["completude_min"],
  });

export type ClubSupplierQuery = z.infer<typeof ClubSupplierQuerySchema>;

/** Reads the filters from a URL; a bad value is a 400 that says which, in French. */
export function parseClubSupplierQuery(searchParams: URLSearchParams): { query: ClubSupplierQuery; filters: ClubSupplierFilters; page: number } {
  const parsed = ClubSupplierQuerySchema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) {
    throw new Response(`Filtres invalides : ${parsed.error.issues.map((i) => i.message).join(" ")}`, { status: 400 });
  }
  const q = parsed.data;
  const sortBy = { nom: "name", completude: "completeness", recent: "recent" } as const;
  return {
    query: q,
    page: q.page ?? 1,
    filters: {
      status: q.statut,
      completenessMin: q.completude_min,
      completenessMax: q.completude_max,
      claimed: q.revendication === "revendiquee" ? "claimed" : q.revendication === "non-revendiquee" ? "unclaimed" : undefined,
      q: q.q,
      sort: q.tri ? sortBy[q.tri] : undefined,
    },
  };
}

/** Suppliers the club may see and act on: those it sourced, and those in its QPV. */
export function clubScope(clubId: string): SQL {
  return sql`(${suppliers.id} IN (SELECT ${clubSuppliers.supplierId} FROM ${clubSuppliers} WHERE ${clubSuppliers.clubId} = ${clubId})
    OR ${suppliers.qpvCode} IN (SELECT ${clubQpvs.qpvCode} FROM ${clubQpvs} WHERE ${clubQpvs.clubId} = ${clubId}))`;
}

function textFilter(q: string): SQL | undefined {
  const key = searchKey(q);
  const digits = q.replace(/\D/g, "");
  const conditions: SQL[] = [];
  if (key) {
    const like = `%${key}%`;
    conditions.push(
      sql`regexp_replace(f_unaccent(lower(${suppliers.legalName})), '[^a-z0-9]+', ' ', 'g') LIKE ${like}`,
      sql`regexp_replace(f_unaccent(lower(coalesce(${suppliers.tradeName}, ''))), '[^a-z0-9]+', ' ', 'g') LIKE ${like}`,
    );
  }
  if (digits.length >= 3 && digits.length === q.replace(/[\s.]/g, "").length) conditions.push(sql`${suppliers.siret} LIKE ${`${digits}%`}`);
  return conditions.length ? sql`(${sql.join(conditions, sql` OR `)})` : undefined;
}

/** Every supplier of the club matching the filters, with its completeness, sorted. */
export async function clubSupplierRows(clubId: string, filters: ClubSupplierFilters = {}) {
  const conditions: SQL[] = [clubScope(clubId)];
  if (filters.status) conditions.push(eq(suppliers.qpvStatus, filters.status));
  if (filters.claimed === "claimed") conditions.push(sql`${suppliers.claimedAt} IS NOT NULL`);
  if (filters.claimed === "unclaimed") conditions.push(sql`${suppliers.claimedAt} IS NULL`);
  const text = filters.q?.trim() ? textFilter(filters.q.trim()) : undefined;
  if (text) conditions.push(text);

  const found = await db
    .select({
      id: suppliers.id,
      slug: suppliers.slug,
      siret: suppliers.siret,
      legalName: suppliers.legalName,
      tradeName: suppliers.tradeName,
      nafCode: suppliers.nafCode,
      description: suppliers.description,
      categories: suppliers.categories,
      labels: suppliers.labels,
      website: suppliers.website,
      contactName: suppliers.contactName,
      email: suppliers.email,
      phone: suppliers.phone,
      address: suppliers.address,
      communeInsee: suppliers.communeInsee,
      communeName: communes.name,
      zoneKind: suppliers.zoneKind,
      zoneRadiusKm: suppliers.zoneRadiusKm,
      zoneDepartments: suppliers.zoneDepartments,
      qpvCode: suppliers.qpvCode,
      qpvName: qpvs.name,
      qpvStatus: suppliers.qpvStatus,
      logoId: suppliers.logoId,
      claimedAt: suppliers.claimedAt,
      createdAt: suppliers.createdAt,
      hasService: sql<boolean>`EXISTS (SELECT 1 FROM ${supplierServices} WHERE ${supplierServices.supplierId} = ${suppliers.id} AND btrim(${supplierServices.title}) <> '' AND btrim(${supplierServices.description}) <> '')`,
      hasReference: sql<boolean>`EXISTS (SELECT 1 FROM ${supplierReferences} WHERE ${supplierReferences.supplierId} = ${suppliers.id})`,
      lastInvitedAt: sql<string | null>`(SELECT max(${supplierClaims.createdAt}) FROM ${supplierClaims} WHERE ${supplierClaims.supplierId} = ${suppliers.id})`,
    })
    .from(suppliers)
    .leftJoin(communes, eq(communes.insee, suppliers.communeInsee))
    .leftJoin(qpvs, eq(qpvs.code, suppliers.qpvCode))
    .where(and(...conditions));

  const rows = found.map((s) => {
    const { score } = profileCompleteness(
      // Only whether a complete service (or a reference) exists matters to the score.
      completenessInput(s, { services: s.hasService ? [{ title: "service", description: "service" }] : [], references: s.hasReference ? [true] : [] }),
    );
    return {
      id: s.id,
      slug: s.slug,
      siret: s.siret,
      name: s.tradeName ?? s.legalName,
      legalName: s.legalName,
      tradeName: s.tradeName,
      nafCode: s.nafCode,
      categories: s.categories,
      labels: s.labels,
      website: s.website,
      email: s.email,
      phone: s.phone,
      communeInsee: s.communeInsee,
      communeName: s.communeName,
      qpvCode: s.qpvCode,
      qpvName: s.qpvName,
      qpvStatus: s.qpvStatus,
      claimed: s.claimedAt !== null,
      lastInvitedAt: s.lastInvitedAt ? new Date(s.lastInvitedAt) : null,
      createdAt: s.createdAt,
      completeness: score,
    };
  });
  const filtered = rows.filter(
    (r) => (filters.completenessMin === undefined || r.completeness >= filters.completenessMin) && (filters.completenessMax === undefined || r.completeness <= filters.completenessMax),
  );
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) => a.name.localeCompare(b.name, "fr", { sensitivity: "base" }) || a.siret.localeCompare(b.siret);
  const sort = filters.sort ?? "name";
  return filtered.sort((a, b) =>
    sort === "completeness" ? b.completeness - a.completeness || byName(a, b) : sort === "recent" ? b.createdAt.getTime() - a.createdAt.getTime() || byName(a, b) : byName(a, b),
  );
}

export type ClubSupplierRow = Awaited<ReturnType<typeof clubSupplierRows>>[number];

export const clubSuppliersPageSize = 50;

/** One page of the list, with the total. A page past the end gives the last page. */
export async function listClubSuppliers(input: { clubId: string; filters?: ClubSupplierFilters; page?: number; pageSize?: number }) {
  const all = await clubSupplierRows(input.clubId, input.filters);
  const pageSize = input.pageSize ?? clubSuppliersPageSize;
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  return { rows: all.slice((page - 1) * pageSize, page * pageSize), total: all.length, page, pageCount };
}

/** The same filtered list as a CSV for a French spreadsheet: ";" separated, with a BOM. */
export async function exportClubSuppliersCsv(input: { clubId: string; filters?: ClubSupplierFilters }): Promise<string> {
  const rows = await clubSupplierRows(input.clubId, input.filters);
  return toCsv(
    ["siret", "raison_sociale", "enseigne", "commune", "code_insee_commune", "code_naf", "email", "telephone", "site_web", "qpv", "statut_qpv", "completude", "revendiquee", "derniere_invitation", "categories", "labels"],
    rows.map((r) => [
      r.siret,
      r.legalName,
      r.tradeName,
      r.communeName,
      r.communeInsee,
      r.nafCode,
      r.email,
      r.phone,
      r.website,
      r.qpvName ? `${r.qpvName} (${r.qpvCode})` : "",
      verificationLabels[r.qpvStatus],
      r.completeness,
      r.claimed ? "oui" : "non",
      formatDate(r.lastInvitedAt),
      r.categories.map(categoryLabel).join(", "),
      r.labels.map(labelText).join(", "),
    ]),
    { delimiter: ";", bom: true, neutralizeFormulas: true },
  );
}
