import { asc, eq, gt, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { communes, nafCodes, qpvs, supplierServices, suppliers } from "../../../db/schema";
import type { SupplierSearchDocument } from "../../../search/types";
import { categoryLabel } from "./categories";
import { labelText } from "./labels";
import { profileCompleteness } from "./completeness";
import { completenessInput } from "./completeness-input";

/** Builds the search documents of these suppliers in two queries (never one per supplier). */
export async function buildSupplierDocuments(ids: string[], executor: Executor = db): Promise<SupplierSearchDocument[]> {
  if (!ids.length) return [];
  const rows = await executor
    .select({
      s: suppliers,
      communeName: communes.name,
      postalCode: communes.postalCode,
      departmentCode: communes.departmentCode,
      departmentName: communes.departmentName,
      epciSiren: communes.epciSiren,
      epciName: communes.epciName,
      qpvName: qpvs.name,
      nafLabel: nafCodes.label,
    })
    .from(suppliers)
    .leftJoin(communes, eq(communes.insee, suppliers.communeInsee))
    .leftJoin(qpvs, eq(qpvs.code, suppliers.qpvCode))
    .leftJoin(nafCodes, eq(nafCodes.apeCode, suppliers.nafCode))
    .where(inArray(suppliers.id, ids));
  const services = await executor
    .select()
    .from(supplierServices)
    .where(inArray(supplierServices.supplierId, ids))
    .orderBy(asc(supplierServices.position));
  const servicesBySupplier = new Map<string, typeof services>();
  for (const service of services) {
    const list = servicesBySupplier.get(service.supplierId) ?? [];
    list.push(service);
    servicesBySupplier.set(service.supplierId, list);
  }
  return rows.map(({ s, ...r }) => {
    const own = servicesBySupplier.get(s.id) ?? [];
    return {
      id: s.id,
      slug: s.slug,
      siret: s.siret,
      name: s.tradeName || s.legalName,
      legalName: s.legalName,
      description: s.description,
      services: own.map((x) => (x.description ? `${x.title} : ${x.description}` : x.title)),
      categories: s.categories,
      categoryLabels: s.categories.map(categoryLabel),
      nafCode: s.nafCode,
      nafLabel: r.nafLabel,
      labels: s.labels,
      labelNames: s.labels.map(labelText),
      communeInsee: s.communeInsee,
      communeName: r.communeName,
      postalCode: r.postalCode,
      departmentCode: r.departmentCode,
      departmentName: r.departmentName,
      epciSiren: r.epciSiren,
      epciName: r.epciName,
      qpvCode: s.qpvCode,
      qpvName: r.qpvName,
      qpvStatus: s.qpvStatus,
      lat: s.lat,
      lon: s.lon,
      completeness: profileCompleteness(completenessInput(s, { services: own, references: [] })).score,
      createdAt: s.createdAt.toISOString(),
    };
  });
}

/** Every supplier's document, page by page (keyset on id), for `npm run cli -- reindex`. */
export async function* allSupplierDocuments(pageSize = 500): AsyncGenerator<SupplierSearchDocument[]> {
  let after: string | null = null;
  for (;;) {
    const page: { id: string }[] = await db
      .select({ id: suppliers.id })
      .from(suppliers)
      .where(after ? gt(suppliers.id, after) : undefined)
      .orderBy(asc(suppliers.id))
      .limit(pageSize);
    if (!page.length) return;
    after = page[page.length - 1]!.id;
    yield await buildSupplierDocuments(page.map((p) => p.id));
  }
}
