import { z } from "zod";
import { eurosField } from "../needs/schemas";
import { lostReasonValues, OPPORTUNITY_STAGES } from "./stages";

const note = z.string().trim().max(2000, "La note est trop longue (2 000 caractères au plus).").optional();

/**
 * An update of an opportunity: a new stage (the contract when won, a reason when lost) or a note.
 * Used on the opportunity's page and on the club's follow-up session page.
 */
export const OpportunityUpdateSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("stage"),
      opportunityId: z.string().uuid("Opportunité inconnue.").optional(),
      to: z.enum(OPPORTUNITY_STAGES, { message: "Choisissez une étape." }),
      note,
      signedOn: z
        .string()
        .trim()
        .optional()
        .transform((v) => v || null)
        .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), "Date de signature invalide (AAAA-MM-JJ)."),
      amount: eurosField("Montant invalide (ex. 12 500)."),
      durationMonths: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? Number(v) : null))
        .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 120), "Durée en mois entre 1 et 120."),
      recurring: z
        .string()
        .optional()
        .transform((v) => v === "on" || v === "true"),
      lostReason: z.enum(lostReasonValues, { message: "Choisissez une raison dans la liste." }).optional(),
    })
    .superRefine((v, ctx) => {
      if (v.to === "won") {
        if (!v.signedOn) ctx.addIssue({ code: "custom", path: ["signedOn"], message: "Indiquez la date de signature du contrat." });
        if (!v.amount || v.amount <= 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "Indiquez le montant HT du contrat." });
      }
      if (v.to === "lost" && !v.lostReason) ctx.addIssue({ code: "custom", path: ["lostReason"], message: "Indiquez pourquoi l'opportunité est perdue." });
    }),
  z.object({
    intent: z.literal("note"),
    opportunityId: z.string().uuid("Opportunité inconnue.").optional(),
    note: z.string({ message: "Écrivez la note." }).trim().min(1, "Écrivez la note.").max(2000, "La note est trop longue (2 000 caractères au plus)."),
  }),
]);
export type OpportunityUpdate = z.infer<typeof OpportunityUpdateSchema>;

/** The list's filters, from the URL: every state is shareable. */
export const OpportunityFiltersSchema = z.object({
  etape: z
    .enum([...OPPORTUNITY_STAGES, "ouvertes"])
    .optional()
    .catch(undefined),
  origine: z.enum(["need", "event", "directory"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  vue: z.enum(["liste", "kanban"]).optional().catch(undefined),
});

export function filtersFromUrl(url: URL) {
  const parsed = OpportunityFiltersSchema.parse(Object.fromEntries(url.searchParams));
  return {
    stage: parsed.etape === "ouvertes" ? ("open" as const) : (parsed.etape ?? null),
    origin: parsed.origine ?? null,
    q: parsed.q ?? null,
    view: parsed.vue ?? "liste",
    raw: parsed,
  };
}

export const FollowUpSessionSchema = z.object({
  title: z.string({ message: "Donnez un titre à la séance (3 caractères au moins)." }).trim().min(3, "Donnez un titre à la séance (3 caractères au moins).").max(120, "Titre trop long (120 caractères au plus)."),
});
