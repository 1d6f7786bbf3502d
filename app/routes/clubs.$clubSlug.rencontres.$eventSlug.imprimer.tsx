import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/EmptyState";
import { PrintableAgenda } from "~/components/events/PrintableAgenda";
import { allAgendas } from "~/modules/events/agenda.server";
import { requireClubEvent } from "~/modules/events/route-context.server";
import { formatDate, formatTime } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Agendas à imprimer — ${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club, event } = await requireClubEvent(request, params);
  const { participants, tables } = await allAgendas(event.id);
  return { club, event: { slug: event.slug, title: event.title, date: event.date, venue: event.venue }, participants, tables };
}

export default function PrintAll() {
  const { club, event, participants, tables } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print">
        <p>
          <Link to={`/clubs/${club.slug}/rencontres/${event.slug}/planning`}>← Planning</Link>
        </p>
        <h1>Agendas à imprimer</h1>
        <p>Une page par participant, puis la liste de chaque table pour le lieu. Utilisez la fonction d'impression de votre navigateur.</p>
      </div>
      {participants.length === 0 ? <EmptyState title="Aucun participant validé." /> : null}
      {participants.map((p) => (
        <PrintableAgenda key={p.id} event={event} person={{ name: p.name, organisation: p.organisation }} agenda={p.agenda} />
      ))}
      {tables.map((t) => (
        <section className="print-page" key={t.label}>
          <h2>Table {t.label}</h2>
          <p>
            {event.title} · {formatDate(event.date)}
          </p>
          <table>
            <caption className="visually-hidden">Rendez-vous de la table {t.label}</caption>
            <thead>
              <tr>
                <th scope="col">Heure</th>
                <th scope="col">Participants</th>
              </tr>
            </thead>
            <tbody>
              {t.meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    {formatTime(m.startsAt)} – {formatTime(m.endsAt)}
                  </td>
                  <td>
                    {m.aName} ({m.aOrganisation}) – {m.bName} ({m.bOrganisation})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
