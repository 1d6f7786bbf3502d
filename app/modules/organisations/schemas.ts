import { z } from "zod";
import { emailField } from "../accounts/schemas";

export const CreateClubSchema = z.object({
  name: z.string({ message: "Indiquez le nom du club." }).trim().min(3, "Le nom doit comporter au moins 3 caractères.").max(120, "Ce nom est trop long."),
  epciSiren: z.string({ message: "Choisissez l'EPCI du club." }).trim().regex(/^\d{9}$/, "Le code SIREN de l'EPCI comporte 9 chiffres."),
  qpvCodes: z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean)),
  description: z.string().trim().max(2000, "La description est trop longue.").optional(),
});

export const AddAnimatorSchema = z.object({ email: emailField });

export const InviteMemberSchema = z.object({
  email: emailField,
  role: z.enum(["owner", "member"], { message: "Choisissez un rôle." }).default("member"),
});
