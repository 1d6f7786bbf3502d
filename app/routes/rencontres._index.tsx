import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { upcomingPublicEvents } from "~/modules/events/events.server";
import { statusLabel } from "~/modules/events/labels";
import { formatDate } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [
  { title: "Rencontres Business de Proximité à venir — Proxima" },
  { name: "description", content: "Les prochaines rencontres entre grandes entreprises et entrepreneurs des quartiers prioritaires." },
];

export async function loader() {
  return { events: await upcomingPublicEvents() };
}

export default function UpcomingEvents() {
  const { events } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Rencontres Business de Proximité à venir</h1>
      <p>Des rendez-vous d'affaires courts et préparés entre acheteurs des grandes entreprises et entrepreneurs des quartiers prioritaires.</p>
      {events.length === 0 ? <EmptyState title="Aucune rencontre annoncée pour l'instant." /> : null}
      <div className="grid grid-2">
        {events.map((e) => (
          <Card key={e.id} title={<Link to={`/rencontres/${e.slug}`}>{e.title}</Link>}>
            <p>
              <strong>{formatDate(e.date)}</strong> · {e.venue}
            </p>
            <p className="muted">Organisée par {e.clubName}</p>
            <p>
              <Badge tone={e.status === "open" ? "success" : "info"}>{statusLabel[e.status]}</Badge>
            </p>
          </Card>
        ))}
      </div>
    </>
  );
}
