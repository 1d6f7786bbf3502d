import { z } from "zod";
import { isCategorySlug } from "./categories";
import { isLabelSlug } from "./labels";
import { siretError } from "./siret";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : null));

export const siretField = z
  .string({ message: "Indiquez le SIRET de l'entreprise." })
  .transform((v) => v.replace(/[\s.]/g, ""))
  .superRefine((v, ctx) => {
    const error = siretError(v);
    if (error) ctx.addIssue({ code: "custom", message: error });
  });

export const CreateProfileSchema = z.object({
  siret: siretField,
  legalName: z.string({ message: "Indiquez la raison sociale." }).trim().min(2, "Indiquez la raison sociale.").max(200, "Ce nom est trop long."),
});

const currentYear = new Date().getFullYear();

const ServiceSchema = z.object({
  title: z.string().trim().max(120, "Le titre du service est trop long.").optional(),
  description: z.string().trim().max(1000, "La description du service est trop longue.").optional(),
});

const ReferenceSchema = z.object({
  client: z.string().trim().max(150, "Le nom du client est trop long.").optional(),
  year: z.coerce.number({ message: "Année invalide." }).int("Année invalide.").min(1950, "Année invalide.").max(currentYear, "Année invalide.").optional(),
  description: z.string().trim().max(1000, "La description est trop longue.").optional(),
});

export const ProfileSchema = z
  .object({
    legalName: z.string({ message: "Indiquez la raison sociale." }).trim().min(2, "Indiquez la raison sociale.").max(200, "Ce nom est trop long."),
    tradeName: optionalText(200, "Ce nom est trop long."),
    legalForm: optionalText(80, "Forme juridique trop longue."),
    nafCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/[.\s]/g, "").toUpperCase() : null))
      .refine((v) => v === null || /^\d{4}[A-Z]$/.test(v), "Le code NAF s'écrit comme 8121Z."),
    yearFounded: z.coerce
      .number({ message: "Année invalide." })
      .int("Année invalide.")
      .min(1800, "Année invalide.")
      .max(currentYear, "L'année de création ne peut pas être dans le futur.")
      .optional(),
    headcountBand: optionalText(60, "Tranche d'effectif invalide."),
    description: z.string().trim().max(5000, "La description est trop longue (5 000 caractères au plus).").default(""),
    categories: z
      .array(z.string())
      .default([])
      .refine((v) => v.every(isCategorySlug), "Catégorie inconnue.")
      .refine((v) => v.length <= 8, "Choisissez au plus 8 catégories."),
    labels: z.array(z.string()).default([]).refine((v) => v.every(isLabelSlug), "Label inconnu."),
    services: z.array(ServiceSchema).default([]),
    references: z.array(ReferenceSchema).default([]),
    website: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? (/^https?:\/\//i.test(v) ? v : `https://${v}`) : null))
      .refine((v) => v === null || URL.canParse(v), "Adresse de site web invalide."),
    contactName: optionalText(120, "Nom trop long."),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || z.email().safeParse(v).success, "Cette adresse e-mail n'est pas valide."),
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/[\s.-]/g, "") : null))
      .refine((v) => v === null || /^(\+33|0)[1-9]\d{8}$/.test(v), "Numéro de téléphone invalide (ex. 01 23 45 67 89)."),
    address: optionalText(250, "Adresse trop longue."),
    commune: z.string().trim().max(120).optional(),
    zoneKind: z.enum(["radius", "departments", "national"], { message: "Choisissez votre zone d'intervention." }).default("radius"),
    zoneRadiusKm: z.coerce.number({ message: "Indiquez un rayon en kilomètres." }).int("Rayon invalide.").min(1, "Rayon d'au moins 1 km.").max(1000, "Rayon de 1 000 km au plus.").default(30),
    zoneDepartments: z
      .string()
      .optional()
      .transform((v) => (v ?? "").split(/[\s,;]+/).map((d) => d.trim().toUpperCase()).filter(Boolean))
      .refine((v) => v.every((d) => /^(\d{2}|2A|2B|97\d)$/.test(d)), "Départements invalides (ex. 93, 75, 2A)."),
    qpvCode: z.string().trim().optional().transform((v) => (v ? v : null)),
  })
  .superRefine((v, ctx) => {
    if (v.zoneKind === "departments" && v.zoneDepartments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["zoneDepartments"], message: "Indiquez au moins un département." });
    }
    v.services.forEach((s, i) => {
      if (!s.title && s.description) ctx.addIssue({ code: "custom", path: ["services", i, "title"], message: "Donnez un titre à ce service." });
    });
    v.references.forEach((r, i) => {
      if (!r.client && (r.description || r.year)) ctx.addIssue({ code: "custom", path: ["references", i, "client"], message: "Indiquez le client." });
    });
  });

export type ProfileInput = z.infer<typeof ProfileSchema>;

export const QpvDecisionSchema = z.object({
  supplierId: z.string().uuid("Fournisseur inconnu."),
  decision: z.enum(["verified", "rejected"], { message: "Choisissez une décision." }),
  note: z.string().trim().max(1000, "La note est trop longue.").optional(),
}).superRefine((v, ctx) => {
  if (v.decision === "rejected" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Expliquez le refus en quelques mots." });
});
