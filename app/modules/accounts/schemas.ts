import { z } from "zod";

export const emailField = z
  .string({ message: "Indiquez votre adresse e-mail." })
  .trim()
  .toLowerCase()
  .min(1, "Indiquez votre adresse e-mail.")
  .max(254, "Cette adresse e-mail est trop longue.")
  .email("Cette adresse e-mail n'est pas valide.");

export const newPasswordField = z
  .string({ message: "Choisissez un mot de passe." })
  .min(10, "Le mot de passe doit comporter au moins 10 caractères.")
  .max(128, "Le mot de passe doit comporter au plus 128 caractères.");

export const SignupSchema = z.object({
  displayName: z.string({ message: "Indiquez votre nom." }).trim().min(2, "Indiquez votre nom.").max(100, "Ce nom est trop long."),
  email: emailField,
  password: newPasswordField,
  accountKind: z.enum(["supplier", "buyer", "none"], { message: "Choisissez votre profil." }).default("none"),
  organisationName: z.string().trim().max(150, "Ce nom est trop long.").optional(),
  redirectTo: z.string().max(500).optional(),
}).superRefine((v, ctx) => {
  if (v.accountKind !== "none" && !v.organisationName) {
    ctx.addIssue({ code: "custom", path: ["organisationName"], message: "Indiquez le nom de votre entreprise." });
  }
});

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ message: "Indiquez votre mot de passe." }).min(1, "Indiquez votre mot de passe.").max(128),
  redirectTo: z.string().optional(),
});

export const ResetRequestSchema = z.object({ email: emailField });

export const ResetPasswordSchema = z.object({
  token: z.string({ message: "Ce lien n'est pas valide." }).min(10, "Ce lien n'est pas valide."),
  password: newPasswordField,
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ message: "Indiquez votre mot de passe actuel." }).min(1, "Indiquez votre mot de passe actuel."),
  newPassword: newPasswordField,
});

export const ChangeEmailSchema = z.object({
  newEmail: emailField,
  password: z.string({ message: "Indiquez votre mot de passe." }).min(1, "Indiquez votre mot de passe."),
});
