import { z } from "zod";

export const ContactSchema = z.object({
  message: z
    .string({ message: "Écrivez votre message." })
    .trim()
    .min(20, "Votre message doit comporter au moins 20 caractères.")
    .max(3000, "Votre message est trop long (3 000 caractères au plus)."),
});
