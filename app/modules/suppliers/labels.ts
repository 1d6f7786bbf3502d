// Labels and statuses a buyer may look for when it wants to buy from social-economy,
// inclusive or certified suppliers. Slugs are stored; labels are shown.

export type LabelGroup = "inclusion" | "handicap" | "ess" | "qualite" | "environnement";

export interface SupplierLabel {
  slug: string;
  label: string;
  group: LabelGroup;
}

export const LABELS: readonly SupplierLabel[] = Object.freeze([
  { slug: "ess", label: "Économie sociale et solidaire (ESS)", group: "ess" },
  { slug: "esus", label: "Entreprise solidaire d'utilité sociale (ESUS)", group: "ess" },
  { slug: "scop-scic", label: "Société coopérative (SCOP, SCIC)", group: "ess" },
  { slug: "siae-aci", label: "Atelier et chantier d'insertion (ACI)", group: "inclusion" },
  { slug: "siae-ai", label: "Association intermédiaire (AI)", group: "inclusion" },
  { slug: "siae-ei", label: "Entreprise d'insertion (EI)", group: "inclusion" },
  { slug: "siae-etti", label: "Entreprise de travail temporaire d'insertion (ETTI)", group: "inclusion" },
  { slug: "siae-eiti", label: "Entreprise d'insertion par le travail indépendant (EITI)", group: "inclusion" },
  { slug: "geiq", label: "Groupement d'employeurs pour l'insertion et la qualification (GEIQ)", group: "inclusion" },
  { slug: "ea", label: "Entreprise adaptée (EA)", group: "handicap" },
  { slug: "eatt", label: "Entreprise adaptée de travail temporaire (EATT)", group: "handicap" },
  { slug: "esat", label: "Établissement et service d'aide par le travail (ESAT)", group: "handicap" },
  { slug: "qualiopi", label: "Qualiopi (organisme de formation certifié)", group: "qualite" },
  { slug: "rge", label: "Reconnu garant de l'environnement (RGE)", group: "qualite" },
  { slug: "qualibat", label: "Qualibat", group: "qualite" },
  { slug: "lucie", label: "Label Lucie (RSE)", group: "qualite" },
  { slug: "b-corp", label: "B Corp", group: "qualite" },
  { slug: "commerce-equitable", label: "Commerce équitable", group: "environnement" },
  { slug: "imprim-vert", label: "Imprim'Vert", group: "environnement" },
  { slug: "ecocert", label: "Ecocert", group: "environnement" },
  { slug: "agriculture-biologique", label: "Agriculture biologique (AB)", group: "environnement" },
]);

const bySlug = new Map(LABELS.map((l) => [l.slug, l]));

export function getLabel(slug: string): SupplierLabel | undefined {
  return bySlug.get(slug);
}

export function isLabelSlug(slug: string): boolean {
  return bySlug.has(slug);
}

/** The French label, or the slug itself for an unknown slug. */
export function labelText(slug: string): string {
  return bySlug.get(slug)?.label ?? slug;
}

/** Inclusive structures (SIAE, EA, ESAT) hold the ESUS approval by right (code du travail, L. 3332-17-1). */
const STRUCTURE_TYPE_LABELS: Readonly<Record<string, readonly string[]>> = {
  ACI: ["siae-aci", "esus", "ess"],
  AI: ["siae-ai", "esus", "ess"],
  EI: ["siae-ei", "esus", "ess"],
  ETTI: ["siae-etti", "esus", "ess"],
  EITI: ["siae-eiti", "esus", "ess"],
  EA: ["ea", "esus", "ess"],
  EATT: ["eatt", "esus", "ess"],
  ESAT: ["esat", "esus", "ess"],
  GEIQ: ["geiq", "ess"],
};

/** Normalizes "e.i.", " aci " → "EI", "ACI". */
export function normalizeStructureType(type: string): string {
  return type
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z]/g, "")
    .toUpperCase();
}

/** Label slugs implied by the `type_structure` column of the SIAE registry; [] when unknown. */
export function labelsForStructureType(type: string | null | undefined): string[] {
  if (!type) return [];
  return [...(STRUCTURE_TYPE_LABELS[normalizeStructureType(type)] ?? [])];
}
