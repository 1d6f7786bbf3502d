import type { SupplierProfileForCompleteness } from "./completeness";

type ProfileColumns = Pick<
  SupplierProfileForCompleteness,
  "siret" | "legalName" | "tradeName" | "nafCode" | "categories" | "description" | "labels" | "website" | "contactName" | "email" | "phone" | "address" | "communeInsee"
> & {
  logoId: string | null;
  zoneKind: "radius" | "departments" | "national";
  zoneRadiusKm: number;
  zoneDepartments: string[];
  qpvStatus: "none" | "declared" | "verified" | "rejected";
};

/** The completeness score's view of a supplier row: one mapping for every place that scores profiles. */
export function completenessInput(
  s: ProfileColumns,
  related: { services: { title: string; description: string }[]; references: unknown[] },
): SupplierProfileForCompleteness {
  return {
    siret: s.siret,
    legalName: s.legalName,
    tradeName: s.tradeName,
    nafCode: s.nafCode,
    categories: s.categories,
    services: related.services,
    description: s.description,
    references: related.references,
    labels: s.labels,
    website: s.website,
    contactName: s.contactName,
    email: s.email,
    phone: s.phone,
    hasLogo: Boolean(s.logoId),
    address: s.address,
    communeInsee: s.communeInsee,
    zoneServed: { nationwide: s.zoneKind === "national", radiusKm: s.zoneKind === "radius" ? s.zoneRadiusKm : null, departmentCodes: s.zoneDepartments },
    qpvDeclared: s.qpvStatus === "none" ? null : true,
  };
}
