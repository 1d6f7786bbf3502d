// The stages of an opportunity, their French labels, and which changes need what.
export const OPPORTUNITY_STAGES = ["contact", "meeting_held", "quote_sent", "won", "lost", "abandoned"] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
export type OpportunityOrigin = "need" | "event" | "directory";

export const stageLabels: Record<OpportunityStage, string> = {
  contact: "Contact",
  meeting_held: "Rendez-vous tenu",
  quote_sent: "Devis envoyé",
  won: "Gagnée",
  lost: "Perdue",
  abandoned: "Abandonnée",
};

export const originLabels: Record<OpportunityOrigin, string> = {
  need: "Besoin publié",
  event: "Rencontre",
  directory: "Annuaire",
};

/** Why an opportunity was lost: a closed list so that the observatory can count them. */
export const LOST_REASONS = [
  { value: "price", label: "Prix" },
  { value: "timing", label: "Délais" },
  { value: "capacity", label: "Capacité insuffisante" },
  { value: "requirements", label: "Exigences non remplies (labels, assurances, références)" },
  { value: "other_supplier", label: "Un autre fournisseur a été retenu" },
  { value: "need_cancelled", label: "Le besoin a été annulé ou reporté" },
  { value: "no_answer", label: "Pas de réponse" },
  { value: "other", label: "Autre raison" },
] as const;
export type LostReason = (typeof LOST_REASONS)[number]["value"];
export const lostReasonValues = LOST_REASONS.map((r) => r.value) as [LostReason, ...LostReason[]];

export function lostReasonLabel(value: string | null | undefined): string | null {
  if (!value) return null;
  return LOST_REASONS.find((r) => r.value === value)?.label ?? value;
}

export const CLOSED_STAGES: readonly OpportunityStage[] = ["won", "lost", "abandoned"];

export function isOpen(stage: OpportunityStage): boolean {
  return !CLOSED_STAGES.includes(stage);
}

/** Order of the stages of progress: a contact never goes "back" on its own (recordContact). */
const progress: Record<OpportunityStage, number> = { contact: 0, meeting_held: 1, quote_sent: 2, won: 3, lost: 3, abandoned: 3 };

/** Whether an automatic touchpoint (a meeting held) moves the opportunity forward. */
export function advancesTo(current: OpportunityStage, next: OpportunityStage): boolean {
  return isOpen(current) && progress[next] > progress[current];
}

export type Contract = { signedOn: string; amountCents: number; durationMonths: number | null; recurring: boolean };
