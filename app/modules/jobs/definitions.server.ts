import { pruneRateLimits } from "../accounts/rate-limit.server";
import { expireWishes } from "../events/wishes.server";
import { periodic, type JobDefinition } from "./registry";

/**
 * Every job the workers run. A periodic task is one line here (cron in UTC unless a tz is given);
 * its handler receives the clock's time, so tests move a clock instead of waiting.
 */
export const jobDefinitions: JobDefinition[] = [
  periodic("events.expire-wishes", "* * * * *", "Souhaits de rendez-vous sans réponse après la date limite : expirés", (now) => expireWishes(now)),
  periodic("accounts.prune-rate-limits", "7 * * * *", "Compteurs de limitation de débit périmés : supprimés", (now) => pruneRateLimits(now)),
];
