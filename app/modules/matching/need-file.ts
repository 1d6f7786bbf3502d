// A need described in a JSON file (`cli match --need-file`, the evaluation set): the form's fields.
import { z } from "zod";
import { isCategorySlug } from "../suppliers/categories";
import type { NeedMatchInput } from "./matching.server";
import type { NeedPerimeter } from "./score";

const PerimeterSchema = z.union([
  z.literal("national").transform((): NeedPerimeter => ({ kind: "national" })),
  z.object({ kind: z.literal("national") }).transform((): NeedPerimeter => ({ kind: "national" })),
  z.object({ kind: z.literal("radius"), radius_km: z.number().int().min(1).max(1000) }).transform((p): NeedPerimeter => ({ kind: "radius", radiusKm: p.radius_km })),
  z.object({ kind: z.literal("epci"), epci: z.string().regex(/^\d{9}$/, "Le code EPCI (SIREN) compte 9 chiffres.") }).transform((p): NeedPerimeter => ({ kind: "epci", epci: p.epci })),
  z
    .object({ kind: z.literal("departments"), departments: z.array(z.string().regex(/^(\d{2}|2A|2B|97\d)$/, "Département invalide (ex. 93, 2A).")).min(1) })
    .transform((p): NeedPerimeter => ({ kind: "departments", departments: p.departments })),
]);

export const NeedFileSchema = z
  .object({
    title: z.string().default(""),
    description: z.string().default(""),
    categories: z
      .array(z.string())
      .min(1, "Indiquez au moins une catégorie (voir `npm run cli -- categories`).")
      .refine((v) => v.every(isCategorySlug), "Catégorie inconnue (voir `npm run cli -- categories`)."),
    commune_insee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "Code INSEE de commune invalide (5 caractères, ex. 93066).").optional(),
    communeInsee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, "Code INSEE de commune invalide (5 caractères, ex. 93066).").optional(),
    radius_km: z.number().int().min(1).max(1000).optional(),
    perimeter: PerimeterSchema.optional(),
    requirements: z.object({ labels: z.array(z.string()).default([]) }).default({ labels: [] }),
  })
  .refine((v) => v.commune_insee ?? v.communeInsee, { message: "Indiquez la commune du besoin (commune_insee).", path: ["commune_insee"] });

/** Parses and converts; throws a ZodError with French messages. */
export function needFromFile(value: unknown): NeedMatchInput {
  const v = NeedFileSchema.parse(value);
  return {
    title: v.title,
    description: v.description,
    categories: v.categories,
    communeInsee: (v.commune_insee ?? v.communeInsee)!,
    perimeter: v.perimeter ?? { kind: "radius", radiusKm: v.radius_km ?? 30 },
    requiredLabels: v.requirements.labels,
  };
}
