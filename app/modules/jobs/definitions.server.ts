import { pruneRateLimits } from "../accounts/rate-limit.server";
import { nudgeParticipantsWithoutMeetings } from "../events/nudges.server";
import { expireWishes } from "../events/wishes.server";
import { remindNeedOutcomes, sendStaleOpportunityDigests } from "../followups/reminders.server";
import { sendDueSurveys } from "../followups/surveys.server";
import { closeExpiredNeeds } from "../needs/deadlines.server";
import { pruneImportUploads } from "../sourcing/import.server";
import { periodic, type JobDefinition } from "./registry";

/**
 * Every job the workers run. A periodic task is one line here (cron in UTC unless a tz is given);
 * its handler receives the clock's time, so tests move a clock instead of waiting.
 */
export const jobDefinitions: JobDefinition[] = [
  periodic("events.expire-wishes", "* * * * *", "Souhaits de rendez-vous sans réponse après la date limite : expirés", (now) => expireWishes(now)),
  periodic("events.nudge-without-meetings", "*/15 * * * *", "Participants sans rendez-vous 48 h avant la date limite des souhaits : relancés une fois", (now) => nudgeParticipantsWithoutMeetings(now)),
  periodic("needs.close-past-deadline", "*/5 * * * *", "Besoins publiés dont la date limite de réponse est passée : clos, l'acheteur est prévenu", (now) => closeExpiredNeeds(now)),
  periodic("followups.send-surveys", "*/15 * * * *", "Enquêtes de suivi à 30, 90 et 180 jours arrivées à échéance : envoyées", (now) => sendDueSurveys(now), { runOnStart: true }),
  periodic("followups.need-outcome-reminders", "0 9 * * *", "Besoins clos depuis 7 jours sans issue : rappel à l'acheteur (une fois par semaine au plus)", (now) => remindNeedOutcomes(now), { tz: "Europe/Paris" }),
  periodic("followups.stale-digest", "0 8 * * 1", "Lundi 8 h : opportunités sans nouvelle depuis 60 jours, aux animateurs de chaque club", (now) => sendStaleOpportunityDigests(now), { tz: "Europe/Paris" }),
  periodic("sourcing.prune-import-uploads", "23 3 * * *", "Fichiers d'import déposés il y a plus de 7 jours : supprimés", (now) => pruneImportUploads(now)),
  periodic("accounts.prune-rate-limits", "7 * * * *", "Compteurs de limitation de débit périmés : supprimés", (now) => pruneRateLimits(now)),
];
