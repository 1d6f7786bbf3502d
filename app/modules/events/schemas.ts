import { z } from "zod";
import { isTime, parisDateTime, slotSettingsIssues, type SessionName } from "./slots";

const optionalTime = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || isTime(v), "Heure invalide (ex. 14:00).");
const count = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Indiquez ${label}.` })
    .int(`${label[0]!.toUpperCase()}${label.slice(1)} : un nombre entier.`)
    .min(min, `Au moins ${min}.`)
    .max(max, `Au plus ${max}.`);
const dateTimeLocal = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), "Date et heure invalides.")
  .transform((v) => parisDateTime(v));

/** "10:30-10:45, 15:00-15:15" → breaks. */
const breaksField = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    const parts = (v ?? "").split(/[,;\n]+/).map((p) => p.trim()).filter(Boolean);
    const breaks: { start: string; end: string }[] = [];
    for (const part of parts) {
      const m = /^(\d{2}:\d{2})\s*[-–à]+\s*(\d{2}:\d{2})$/.exec(part);
      if (!m || !isTime(m[1]!) || !isTime(m[2]!)) {
        ctx.addIssue({ code: "custom", message: `Pause « ${part} » : écrivez-la comme 10:30-10:45.` });
        return z.NEVER;
      }
      breaks.push({ start: m[1]!, end: m[2]! });
    }
    return breaks;
  });

export const EventSettingsSchema = z
  .object({
    title: z.string({ message: "Indiquez le titre." }).trim().min(3, "Indiquez le titre.").max(160, "Ce titre est trop long."),
    description: z.string().trim().max(5000, "La description est trop longue.").optional().default(""),
    venue: z.string({ message: "Indiquez le lieu (adresse)." }).trim().min(3, "Indiquez le lieu (adresse).").max(300, "Cette adresse est trop longue."),
    date: z.string({ message: "Indiquez la date." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Date invalide."),
    morningStart: optionalTime,
    morningEnd: optionalTime,
    afternoonStart: optionalTime,
    afternoonEnd: optionalTime,
    meetingMinutes: count("la durée d'un rendez-vous", 5, 60),
    gapMinutes: count("le temps entre deux rendez-vous", 0, 30).optional().default(0),
    breaks: breaksField,
    tablesCount: count("le nombre de tables", 1, 200),
    tableMode: z.enum(["auto", "fixed", "any"], { message: "Choisissez le placement aux tables." }).default("auto"),
    capacityBuyers: count("la capacité côté acheteurs", 1, 500),
    capacitySuppliers: count("la capacité côté fournisseurs", 1, 1000),
    registrationOpensAt: dateTimeLocal,
    registrationClosesAt: dateTimeLocal,
    wishDeadline: dateTimeLocal,
    maxWishes: count("le nombre maximum de souhaits", 1, 50),
    approvalMode: z.enum(["auto", "manual"], { message: "Choisissez le mode de validation des inscriptions." }).default("auto"),
    ticketPriceEuros: z.coerce.number({ message: "Prix invalide." }).min(0, "Prix invalide.").max(10000, "Prix invalide.").optional(),
  })
  .transform((v, ctx) => {
    const sessions: { name: SessionName; start: string; end: string }[] = [];
    const pairs = [
      ["morning", v.morningStart, v.morningEnd, "morningStart", "morningEnd"],
      ["afternoon", v.afternoonStart, v.afternoonEnd, "afternoonStart", "afternoonEnd"],
    ] as const;
    for (const [name, start, end, startField, endField] of pairs) {
      if (start && end) sessions.push({ name, start, end });
      else if (start || end) ctx.addIssue({ code: "custom", path: [start ? endField : startField], message: "Indiquez le début et la fin." });
    }
    const settings = { date: v.date, sessions, meetingMinutes: v.meetingMinutes, gapMinutes: v.gapMinutes, breaks: v.breaks };
    for (const issue of slotSettingsIssues(settings)) ctx.addIssue({ code: "custom", path: [issue.field], message: issue.message });
    if (v.registrationOpensAt && v.registrationClosesAt && v.registrationClosesAt <= v.registrationOpensAt) {
      ctx.addIssue({ code: "custom", path: ["registrationClosesAt"], message: "La clôture doit suivre l'ouverture." });
    }
    return {
      title: v.title,
      description: v.description,
      venue: v.venue,
      date: v.date,
      sessions,
      meetingMinutes: v.meetingMinutes,
      gapMinutes: v.gapMinutes,
      breaks: v.breaks,
      tablesCount: v.tablesCount,
      tableMode: v.tableMode,
      capacityBuyers: v.capacityBuyers,
      capacitySuppliers: v.capacitySuppliers,
      registrationOpensAt: v.registrationOpensAt,
      registrationClosesAt: v.registrationClosesAt,
      wishDeadline: v.wishDeadline,
      maxWishes: v.maxWishes,
      approvalMode: v.approvalMode,
      ticketPriceCents: v.ticketPriceEuros ? Math.round(v.ticketPriceEuros * 100) : null,
    };
  });
export type EventSettings = z.output<typeof EventSettingsSchema>;

/** The club cancels its event (tickets refunded): a ticked box, so a slip of the finger does nothing. */
export const CancelEventSchema = z.object({
  intent: z.literal("cancel-event"),
  confirm: z.literal("on", { message: "Cochez la case pour confirmer l'annulation." }),
});

export const EventStatusSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(["draft", "open", "scheduling", "published", "done"], { message: "Statut inconnu." }),
});

export const RegistrationSchema = z.object({
  intent: z.literal("register"),
  org: z.string({ message: "Choisissez votre organisation." }).uuid("Choisissez votre organisation."),
  pitch: z.string().trim().max(2000, "Votre présentation est trop longue (2 000 caractères au plus).").optional().default(""),
  /** "custom": only the ticked `slots`. */
  sessionPreference: z.enum(["all", "morning", "afternoon", "custom"], { message: "Choisissez vos disponibilités." }).optional().default("all"),
  slots: z.array(z.string().uuid("Créneau invalide.")).optional(),
});

export const ParticipantDecisionSchema = z.object({
  intent: z.enum(["approve", "reject"]),
  participantId: z.string().uuid("Inscription inconnue."),
});

export const WishSchema = z.object({
  intent: z.literal("wish"),
  toParticipant: z.string({ message: "Choisissez un participant." }).uuid("Participant inconnu."),
  rank: z.coerce.number({ message: "Indiquez un rang." }).int("Rang invalide.").min(1, "Rang invalide.").max(50, "Rang invalide.").optional(),
});

/** A buyer chooses the open needs it presents at the event (none = all its open needs). */
export const LinkNeedsSchema = z.object({
  intent: z.literal("link-needs"),
  needs: z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid("Besoin inconnu.")).max(20, "Choisissez au plus 20 besoins."))
    .default([]),
});

export const WishAnswerSchema = z.object({
  intent: z.enum(["accept", "decline", "withdraw"]),
  requestId: z.string({ message: "Demande inconnue." }).uuid("Demande inconnue."),
});

export const OutcomeSchema = z.object({
  intent: z.literal("outcome"),
  meetingId: z.string().uuid("Rendez-vous inconnu."),
  held: z.enum(["yes", "no"], { message: "Choix invalide." }).transform((v) => v === "yes"),
});

export const MoveSchema = z.object({
  intent: z.literal("move"),
  meetingId: z.string({ message: "Choisissez un rendez-vous." }).uuid("Rendez-vous inconnu."),
  slotId: z.string({ message: "Choisissez un créneau." }).uuid("Créneau inconnu."),
  tableLabel: z.string({ message: "Choisissez une table." }).trim().min(1, "Choisissez une table."),
});

export const SwapSchema = z.object({
  intent: z.literal("swap"),
  meetingId: z.string({ message: "Choisissez un rendez-vous." }).uuid("Rendez-vous inconnu."),
  otherMeetingId: z.string({ message: "Choisissez l'autre rendez-vous." }).uuid("Rendez-vous inconnu."),
});

export const CheckInSchema = z.object({
  intent: z.literal("checkin"),
  participantId: z.string().uuid("Participant inconnu."),
  checkedIn: z.enum(["present", "absent", "unknown"], { message: "Choix invalide." }),
});

export const ForceMeetingSchema = z.object({
  intent: z.literal("force"),
  aId: z.string({ message: "Choisissez le premier participant." }).uuid("Participant inconnu."),
  bId: z.string({ message: "Choisissez le second participant." }).uuid("Participant inconnu."),
});

export const RemoveRequestSchema = z.object({
  intent: z.literal("remove"),
  requestId: z.string({ message: "Demande inconnue." }).uuid("Demande inconnue."),
});

export const LockSchema = z.object({
  intent: z.enum(["lock", "unlock"]),
  meetingId: z.string().uuid("Rendez-vous inconnu."),
});
