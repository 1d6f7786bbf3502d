import { z } from "zod";

const maxEuros = 100_000;

/** "1 250,50", "1250.5" or "1250" → 125050 cents; blank → null (free). */
export function parseEurosToCents(input: string): number | null {
  const compact = input.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  if (compact === "") return null;
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return Number.NaN;
  return Math.round(Number(compact) * 100);
}

/** A price typed in euros by a person; stored in cents. Blank means free. */
const eurosField = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const cents = parseEurosToCents(v ?? "");
      if (cents === null) return null;
      if (Number.isNaN(cents)) {
        ctx.addIssue({ code: "custom", message: `${label} : indiquez un montant en euros, par exemple 1 200 ou 49,90.` });
        return z.NEVER;
      }
      if (cents <= 0) {
        ctx.addIssue({ code: "custom", message: `${label} : le montant doit être supérieur à zéro (laissez vide pour la gratuité).` });
        return z.NEVER;
      }
      if (cents > maxEuros * 100) {
        ctx.addIssue({ code: "custom", message: `${label} : le montant ne peut dépasser ${maxEuros.toLocaleString("fr-FR")} €.` });
        return z.NEVER;
      }
      return cents;
    });

const uuidField = (message: string) => z.string({ message }).trim().uuid(message);

export const ClubPricesSchema = z
  .object({
    membershipPrice: eurosField("Adhésion annuelle"),
    requiredForNeeds: z.boolean().optional().default(false),
    requiredForEvents: z.boolean().optional().default(false),
  })
  .superRefine((v, ctx) => {
    if ((v.requiredForNeeds || v.requiredForEvents) && v.membershipPrice === null) {
      ctx.addIssue({ code: "custom", path: ["membershipPrice"], message: "Fixez le prix de l'adhésion pour pouvoir l'exiger." });
    }
  });

export const EventTicketPriceSchema = z.object({
  eventId: uuidField("Événement inconnu."),
  ticketPrice: eurosField("Prix du billet"),
});

export const GrantMembershipSchema = z.object({
  buyerOrgId: uuidField("Choisissez une entreprise acheteuse."),
  note: z.string().trim().max(300, "La note est trop longue (300 caractères au plus).").optional(),
});

export const RevokeMembershipSchema = z.object({ buyerOrgId: uuidField("Choisissez une entreprise acheteuse.") });

export const StartMembershipSchema = z.object({ clubId: uuidField("Choisissez un club.") });
