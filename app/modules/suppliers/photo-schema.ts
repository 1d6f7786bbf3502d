import { z } from "zod";

/** Photos a profile may show (workshop, team, work done). */
export const MAX_SUPPLIER_PHOTOS = 6;
export const MAX_CAPTION_LENGTH = 140;

/** The caption is also the image's text alternative: required, short. */
export const PhotoCaptionSchema = z.object({
  caption: z
    .string({ message: "Décrivez la photo en quelques mots (texte alternatif)." })
    .trim()
    .min(3, "Décrivez la photo en quelques mots (texte alternatif).")
    .max(MAX_CAPTION_LENGTH, `La description de la photo ne doit pas dépasser ${MAX_CAPTION_LENGTH} caractères.`),
});

export const RemovePhotoSchema = z.object({
  photoId: z.string({ message: "Photo inconnue." }).uuid("Photo inconnue."),
});
