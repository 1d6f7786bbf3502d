import { formatDate, formatTime } from "~/lib/format";

type Item = { id: string; startsAt: string | Date; endsAt: string | Date; tableLabel: string; counterpartName: string; counterpartOrganisation: string };

/** One participant's agenda on one printed page. */
export function PrintableAgenda({
  event,
  person,
  agenda,
  headingLevel = 2,
}: {
  event: { title: string; date: string; venue: string };
  person: { name: string; organisation: string };
  agenda: Item[];
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section className="print-page">
      <Heading>
        {person.name} — {person.organisation}
      </Heading>
      <p>
        {event.title} · {formatDate(event.date)} · {event.venue}
      </p>
      {agenda.length === 0 ? (
        <p>Aucun rendez-vous.</p>
      ) : (
        <table>
          <caption className="visually-hidden">Rendez-vous de {person.name}</caption>
          <thead>
            <tr>
              <th scope="col">Heure</th>
              <th scope="col">Table</th>
              <th scope="col">Avec</th>
            </tr>
          </thead>
          <tbody>
            {agenda.map((m) => (
              <tr key={m.id}>
                <td>
                  {formatTime(m.startsAt)} – {formatTime(m.endsAt)}
                </td>
                <td>{m.tableLabel}</td>
                <td>
                  {m.counterpartName} ({m.counterpartOrganisation})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
