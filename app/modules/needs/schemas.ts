// Forms of the needs domain, shared by conform in the browser and by the actions (French messages).
import { z } from "zod";
import { isCategorySlug } from "../suppliers/categories";
import { isLabelSlug } from "../suppliers/labels";

export const MAX_QUESTIONS = 5;
export const MAX_CATEGORIES = 5;

export const budgetBands = [
  { value: "lt5k", label: "Moins de 5 k€" },
  { value: "5k-25k", label: "De 5 à 25 k€" },
  { value: "25k-90k", label: "De 25 à 90 k€" },
  { value: "90k-215k", label: "De 90 à 215 k€" },
  { value: "gt215k", label: "Plus de 215 k€" },
] as const;
export type BudgetBand = (typeof budgetBands)[number]["value"];

export const csrIntents = [
  { value: "direct_purchase", label: "Achat direct" },
  { value: "subcontracting", label: "Sous-traitance" },
  { value: "reserved_lot", label: "Lot réservé (SIAE, EA, ESAT)" },
  { value: "social_clause", label: "Clause sociale d'insertion" },
] as const;
export type CsrIntent = (typeof csrIntents)[number]["value"];

export const perimeterKinds = [
  { value: "radius", label: "Dans un rayon autour de la commune" },
  { value: "epci", label: "Dans l'intercommunalité de la commune" },
  { value: "departments", label: "Dans un ou plusieurs départements" },
  { value: "national", label: "Toute la France" },
] as const;

export const recurrences = [
  { value: "one_off", label: "Ponctuel" },
  { value: "recurring", label: "Récurrent" },
] as const;

export const statusLabels = {
  draft: "Brouillon",
  submitted: "En attente de validation",
  published: "Publié",
  closed: "Clos",
  awarded: "Attribué",
  not_awarded: "Non attribué",
  cancelled: "Annulé",
  rejected: "Refusé par le club",
} as const;
export type NeedStatus = keyof typeof statusLabels;

export function budgetBandLabel(value: string | null | undefined): string {
  return budgetBands.find((b) => b.value === value)?.label ?? "";
}

export function csrIntentLabel(value: string | null | undefined): string {
  return csrIntents.find((c) => c.value === value)?.label ?? "";
}

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");

/** "1 250,50" or "1250.5" euros → cents; "" → null. */
export const eurosField = (message = "Montant invalide (ex. 12 500).") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const normalized = v.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
      const value = Number(normalized);
      if (!/^\d+(\.\d{1,2})?$/.test(normalized) || !Number.isFinite(value) || value > 100_000_000) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return Math.round(value * 100);
    });

const isoDate = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), message);

/**
 * The need form. "Enregistrer le brouillon" only checks what is typed; "Soumettre" also asks for
 * everything a supplier needs to answer.
 */
export const NeedFormSchema = z
  .object({
    intent: z.enum(["save", "submit"]).default("save"),
    clubId: z.string({ message: "Choisissez le club où publier le besoin." }).uuid("Choisissez le club où publier le besoin."),
    title: z.string({ message: "Donnez un titre au besoin." }).trim().min(5, "Le titre doit faire au moins 5 caractères.").max(150, "Le titre est trop long (150 caractères au plus)."),
    description: z.string().trim().max(5000, "La description est trop longue (5 000 caractères au plus).").default(""),
    categories: z
      .array(z.string())
      .default([])
      .refine((v) => v.every(isCategorySlug), "Catégorie inconnue.")
      .refine((v) => v.length <= MAX_CATEGORIES, `Choisissez au plus ${MAX_CATEGORIES} catégories.`),
    commune: z.string().trim().max(120, "Commune invalide.").optional().transform((v) => (v ? v : null)),
    perimeterKind: z.enum(["radius", "epci", "departments", "national"], { message: "Choisissez le périmètre." }).default("radius"),
    radiusKm: z.coerce.number({ message: "Indiquez un rayon en kilomètres." }).int("Rayon invalide.").min(1, "Rayon d'au moins 1 km.").max(500, "Rayon de 500 km au plus.").optional(),
    departments: z
      .string()
      .optional()
      .transform((v) => [...new Set((v ?? "").split(/[\s,;]+/).map((d) => d.trim().toUpperCase()).filter(Boolean))])
      .refine((v) => v.every((d) => /^(\d{2}|2A|2B|97\d)$/.test(d)), "Départements invalides (ex. 93, 75, 2A)."),
    budgetBand: z.enum(["lt5k", "5k-25k", "25k-90k", "90k-215k", "gt215k"], { message: "Choisissez une tranche de budget." }).optional(),
    amount: eurosField(),
    responseDeadline: isoDate("Date limite invalide."),
    startDate: isoDate("Date de démarrage invalide."),
    recurrence: z.enum(["one_off", "recurring"], { message: "Indiquez si le besoin est ponctuel ou récurrent." }).default("one_off"),
    requiredLabels: z.array(z.string()).default([]).refine((v) => v.every(isLabelSlug), "Label inconnu."),
    insuranceRequired: checkbox,
    referencesRequired: checkbox,
    requirementsNote: z.string().trim().max(1000, "Texte trop long (1 000 caractères au plus).").optional().transform((v) => (v ? v : null)),
    csrIntent: z.enum(["direct_purchase", "subcontracting", "reserved_lot", "social_clause"], { message: "Choisissez la démarche RSE." }).optional(),
    questions: z
      .array(z.string().trim().max(300, "Question trop longue (300 caractères au plus).").optional())
      .default([])
      .transform((v) => v.filter((q): q is string => Boolean(q)))
      .refine((v) => v.length <= MAX_QUESTIONS, `${MAX_QUESTIONS} questions au plus.`),
  })
  // Runs even when a field is already wrong, so that every missing field is reported at once;
  // hence the defensive reads (a field that failed keeps what was typed).
  .superRefine(
    (v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
      const text = (value: unknown) => (typeof value === "string" ? value : "");
      const list = (value: unknown) => (Array.isArray(value) ? value : []);
      if (v.perimeterKind === "departments" && list(v.departments).length === 0 && !text(v.departments)) issue("departments", "Indiquez au moins un département.");
      const deadline = text(v.responseDeadline);
      const start = text(v.startDate);
      if (deadline && start && start < deadline) issue("startDate", "Le démarrage doit suivre la date limite de réponse.");
      if (v.intent !== "submit") return;
      if (text(v.description).length < 30) issue("description", "Décrivez le besoin en 30 caractères au moins.");
      if (list(v.categories).length === 0) issue("categories", "Choisissez au moins une catégorie.");
      if (!text(v.commune)) issue("commune", "Indiquez la commune où la prestation a lieu.");
      if (v.perimeterKind === "radius" && v.radiusKm === undefined) issue("radiusKm", "Indiquez un rayon en kilomètres.");
      if (!v.budgetBand) issue("budgetBand", "Choisissez une tranche de budget.");
      if (!deadline) issue("responseDeadline", "Indiquez la date limite de réponse.");
      else if (/^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline < new Date().toISOString().slice(0, 10)) issue("responseDeadline", "La date limite de réponse est passée.");
      if (!v.csrIntent) issue("csrIntent", "Choisissez la démarche RSE.");
    },
    { when: () => true },
  );

export type NeedFormInput = z.infer<typeof NeedFormSchema>;

export const ModerationSchema = z
  .object({
    needId: z.string().uuid("Besoin inconnu."),
    decision: z.enum(["approve", "changes", "reject"], { message: "Choisissez une décision." }),
    message: z.string().trim().max(2000, "Message trop long (2 000 caractères au plus).").optional().transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "approve" && !v.message) ctx.addIssue({ code: "custom", path: ["message"], message: "Expliquez votre demande en quelques mots." });
  });

export const ClubNeedSettingsSchema = z.object({
  approvalRequired: checkbox,
  notifyBatchSize: z.coerce
    .number({ message: "Indiquez un nombre de fournisseurs." })
    .int("Nombre entier attendu.")
    .min(1, "Au moins 1 fournisseur.")
    .max(200, "200 fournisseurs au plus par envoi."),
});

export const AnswerSchema = z
  .object({
    intent: z.enum(["interested", "declined"], { message: "Choisissez votre réponse." }),
    message: z.string().trim().max(5000, "Message trop long (5 000 caractères au plus).").optional().transform((v) => (v ? v : null)),
    answers: z.array(z.string().trim().max(2000, "Réponse trop longue (2 000 caractères au plus).").optional()).default([]),
    quoteAmount: eurosField("Montant du devis invalide (ex. 12 500)."),
    reason: z.string().trim().max(1000, "Motif trop long (1 000 caractères au plus).").optional().transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.intent === "interested" && (!v.message || v.message.length < 10)) {
      ctx.addIssue({ code: "custom", path: ["message"], message: "Présentez votre proposition en 10 caractères au moins." });
    }
    if (v.intent === "declined" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Indiquez le motif de votre refus." });
  });

export type AnswerInput = z.infer<typeof AnswerSchema>;

export const BuyerActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("shortlist"), supplierId: z.string().uuid("Fournisseur inconnu."), on: checkbox }),
  z.object({
    intent: z.literal("select"),
    supplierId: z.string().uuid("Fournisseur inconnu."),
    amount: eurosField("Montant retenu invalide (ex. 12 500).").refine((v) => v !== null && v > 0, "Indiquez le montant retenu."),
  }),
  z.object({ intent: z.literal("remind"), supplierId: z.string().uuid("Fournisseur inconnu.") }),
  z.object({ intent: z.literal("close") }),
  z.object({ intent: z.literal("award"), outcome: z.enum(["awarded", "not_awarded"], { message: "Choisissez l'issue." }) }),
  z.object({ intent: z.literal("cancel"), message: z.string().trim().max(1000, "Message trop long.").optional() }),
  z.object({ intent: z.literal("next-batch") }),
]);

/** The club's animator sends the next batch of matched suppliers for one of the club's needs. */
export const NextBatchSchema = z.object({ needId: z.string({ message: "Besoin inconnu." }).uuid("Besoin inconnu.") });

export const PotentialSchema = z.object({
  categories: z
    .array(z.string())
    .min(1, "Choisissez au moins une catégorie.")
    .refine((v) => v.every(isCategorySlug), "Catégorie inconnue."),
  commune: z.string({ message: "Indiquez une commune." }).trim().min(2, "Indiquez une commune."),
  radiusKm: z.coerce.number({ message: "Indiquez un rayon en kilomètres." }).int("Rayon invalide.").min(1, "Rayon d'au moins 1 km.").max(500, "Rayon de 500 km au plus."),
});
