import { registerOutboxHandler } from "../outbox/outbox.server";
import { scheduleSurveys, type Touchpoint } from "./surveys.server";

/** A touchpoint of an opportunity (written by recordContact) schedules its follow-up surveys. */
export function registerFollowUpHandlers(): void {
  registerOutboxHandler("opportunity.touchpoint", async (payload) => {
    await scheduleSurveys({ opportunityId: String(payload.opportunityId), touchpoint: payload.touchpoint as Touchpoint, at: new Date(String(payload.at)) });
  });
}
