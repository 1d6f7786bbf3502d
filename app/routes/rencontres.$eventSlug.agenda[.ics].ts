import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaOf } from "~/modules/events/agenda.server";
import { agendaIcs } from "~/modules/events/ics";
import { requireParticipant } from "~/modules/events/route-context.server";
import { env } from "~/env.server";
import { policies } from "~/lib/policy";

/** Signed in, and only one's own agenda (someone else gets a 404). */
export const policy = policies.signedIn;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, participant } = await requireParticipant(request, params.eventSlug);
  if (event.status !== "published" && event.status !== "done") throw new Response("Le planning n'est pas encore publié.", { status: 404 });
  // Published meetings since cancelled stay in the file as cancelled, so calendars drop them.
  const agenda = (await agendaOf(event.id, participant.id, { includeCancelled: true })).filter((m) => m.status !== "cancelled" || m.version > 0);
  const body = agendaIcs({
    eventTitle: event.title,
    venue: event.venue,
    url: new URL(`/rencontres/${event.slug}/mes-rendez-vous`, env().APP_URL).toString(),
    sequence: event.publishedVersion,
    meetings: agenda,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${event.slug}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
