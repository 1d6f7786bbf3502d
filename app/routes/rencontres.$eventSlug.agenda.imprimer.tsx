import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PrintableAgenda } from "~/components/events/PrintableAgenda";
import { agendaOf } from "~/modules/events/agenda.server";
import { requireParticipant } from "~/modules/events/route-context.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Mon agenda à imprimer — ${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event, participant } = await requireParticipant(request, params.eventSlug);
  const published = event.status === "published" || event.status === "done";
  return {
    event: { slug: event.slug, title: event.title, date: event.date, venue: event.venue },
    person: { name: user.displayName, organisation: user.memberships.find((m) => m.organisationId === participant.organisationId)?.name ?? "" },
    agenda: published ? await agendaOf(event.id, participant.id) : [],
    published,
  };
}

export default function PrintMyAgenda() {
  const { event, person, agenda, published } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print">
        <Link to={`/rencontres/${event.slug}/mes-rendez-vous`}>← Mes rendez-vous</Link> · Utilisez la fonction d'impression de votre navigateur.
      </p>
      {published ? <PrintableAgenda event={event} person={person} agenda={agenda} headingLevel={1} /> : <p>Le planning n'est pas encore publié.</p>}
    </>
  );
}
