// What the events routes share at the edge: find the event in scope, or answer 404.
import { db } from "../../../db/connection";
import { requireClubAnimator, requireUser } from "../accounts/guards.server";
import { getSessionUser } from "../accounts/session.server";
import { eventOfClub, publicEventBySlug } from "./events.server";
import { participationOf } from "./registration.server";
import { DomainError } from "~/lib/errors";

/** Turns a service's "not found" into a 404 response (thrown), anything else is rethrown. */
export async function orNotFound<T>(run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

/** The animator of the club and this club's event (another club's event is a 404). */
export async function requireClubEvent(request: Request, params: Record<string, string | undefined>) {
  const { user, club } = await requireClubAnimator(request, params.clubSlug);
  const event = await orNotFound(eventOfClub(db, club.id, params.eventSlug ?? ""));
  return { user, club, event };
}

/**
 * The signed-in person and their approved participation in this public event. Someone who does
 * not take part gets a 404: one only ever sees one's own agenda.
 */
export async function requireParticipant(request: Request, eventSlug: string | undefined) {
  const user = await requireUser(request);
  const { event, clubName } = await orNotFound(publicEventBySlug(eventSlug ?? ""));
  const participant = await participationOf(event.id, user.id);
  if (!participant || participant.status !== "approved") throw new Response("Vous ne participez pas à cette rencontre.", { status: 404 });
  return { user, event, clubName, participant };
}

/** The event as the public sees it, with the signed-in person's registration when there is one. */
export async function publicEventContext(request: Request, eventSlug: string | undefined) {
  const { event, clubName, clubSlug } = await orNotFound(publicEventBySlug(eventSlug ?? ""));
  const user = await getSessionUser(request);
  const participant = user ? await participationOf(event.id, user.id) : null;
  return { event, clubName, clubSlug, user, participant };
}
