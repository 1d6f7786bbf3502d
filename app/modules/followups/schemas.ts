import { z } from "zod";
import { eurosField } from "../needs/schemas";
import { lostReasonValues } from "../opportunities/stages";

/** The three answers of a follow-up survey: Oui + amount (euros HT), Pas encore, Non + reason. */
export const SurveyAnswerSchema = z
  .object({
    answer: z.enum(["yes", "not_yet", "no"], { message: "Choisissez une réponse." }),
    amount: eurosField("Montant invalide (ex. 12 500)."),
    reason: z.enum(lostReasonValues, { message: "Choisissez une raison dans la liste." }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "yes" && !(v.amount && v.amount > 0)) ctx.addIssue({ code: "custom", path: ["amount"], message: "Indiquez le montant de l'affaire, en euros HT." });
    if (v.answer === "no" && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Choisissez la raison." });
  });
