// How complete a supplier profile is, and what to add next. A buyer trusts (and the
// matching ranks) a profile that says what the company does, where, and how to reach it.

export interface SupplierProfileForCompleteness {
  siret: string | null;
  legalName: string | null;
  tradeName: string | null;
  nafCode: string | null;
  categories: string[];
  services: { title: string; description: string }[];
  description: string | null;
  references: unknown[];
  labels: string[];
  website: string | null;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  hasLogo: boolean;
  address: string | null;
  communeInsee: string | null;
  /** Where the company works; null when not said. */
  zoneServed: {
    nationwide?: boolean;
    radiusKm?: number | null;
    communeInsees?: string[];
    departmentCodes?: string[];
  } | null;
  /** null: the supplier has not answered yet; false is an answer too. */
  qpvDeclared: boolean | null;
}

export interface MissingItem {
  field: string;
  label: string;
  weight: number;
}

export interface Completeness {
  score: number;
  /** Heaviest first: the next best thing to add comes first. */
  missing: MissingItem[];
}

type Profile = SupplierProfileForCompleteness;

const filled = (s: string | null | undefined) => (s ?? "").trim() !== "";

/** A description under this length rarely says what the company does. */
export const MIN_DESCRIPTION_LENGTH = 100;

/**
 * The weights, in one place; they sum to 100. Services, categories and a description
 * weigh most because matching reads them; identity and contact follow; nice-to-haves
 * (website, NAF code, labels) weigh little. The trade name is not scored: many firms have none.
 */
export const COMPLETENESS_RULES: readonly { field: string; label: string; weight: number; done: (p: Profile) => boolean }[] = [
  { field: "services", label: "Ajoutez au moins un service proposé", weight: 12, done: (p) => p.services.some((s) => filled(s.title) && filled(s.description)) },
  { field: "categories", label: "Choisissez au moins une catégorie d'achat", weight: 10, done: (p) => p.categories.length > 0 },
  { field: "siret", label: "Indiquez votre numéro SIRET", weight: 10, done: (p) => filled(p.siret) },
  { field: "description", label: `Présentez votre entreprise en quelques phrases (au moins ${MIN_DESCRIPTION_LENGTH} caractères)`, weight: 8, done: (p) => (p.description ?? "").trim().length >= MIN_DESCRIPTION_LENGTH },
  { field: "email", label: "Ajoutez une adresse e-mail de contact", weight: 8, done: (p) => filled(p.email) },
  { field: "address", label: "Indiquez l'adresse et la commune de votre entreprise", weight: 7, done: (p) => filled(p.address) && filled(p.communeInsee) },
  { field: "zoneServed", label: "Précisez la zone où vous intervenez", weight: 7, done: (p) => isZoneGiven(p.zoneServed) },
  { field: "legalName", label: "Indiquez la raison sociale de votre entreprise", weight: 5, done: (p) => filled(p.legalName) },
  { field: "contactName", label: "Indiquez le nom d'une personne à contacter", weight: 5, done: (p) => filled(p.contactName) },
  { field: "phone", label: "Ajoutez un numéro de téléphone", weight: 5, done: (p) => filled(p.phone) },
  { field: "qpvDeclared", label: "Dites si votre entreprise est située dans un quartier prioritaire (QPV)", weight: 5, done: (p) => p.qpvDeclared !== null },
  { field: "references", label: "Ajoutez une référence client", weight: 5, done: (p) => p.references.length > 0 },
  { field: "logo", label: "Ajoutez votre logo", weight: 4, done: (p) => p.hasLogo },
  { field: "website", label: "Ajoutez l'adresse de votre site web", weight: 3, done: (p) => filled(p.website) },
  { field: "nafCode", label: "Indiquez votre code NAF (APE)", weight: 3, done: (p) => filled(p.nafCode) },
  { field: "labels", label: "Indiquez vos labels et agréments (ESS, SIAE, Qualiopi…)", weight: 3, done: (p) => p.labels.length > 0 },
];

function isZoneGiven(zone: Profile["zoneServed"]): boolean {
  if (!zone) return false;
  return (
    zone.nationwide === true ||
    (zone.radiusKm ?? 0) > 0 ||
    (zone.communeInsees?.length ?? 0) > 0 ||
    (zone.departmentCodes?.length ?? 0) > 0
  );
}

export function profileCompleteness(profile: SupplierProfileForCompleteness): Completeness {
  let score = 0;
  const missing: MissingItem[] = [];
  for (const rule of COMPLETENESS_RULES) {
    if (rule.done(profile)) score += rule.weight;
    else missing.push({ field: rule.field, label: rule.label, weight: rule.weight });
  }
  missing.sort((a, b) => b.weight - a.weight);
  return { score, missing };
}
