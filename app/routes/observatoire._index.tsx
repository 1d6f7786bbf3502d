import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/EmptyState";
import { publicClubs } from "~/modules/observatory/public.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [
  { title: "Observatoire des Rencontres Business de Proximité — Proxima" },
  { name: "description", content: "Les chiffres de chaque club : entreprises des quartiers sourcées, besoins d'achat, rendez-vous et contrats gagnés." },
];

export async function loader() {
  return { clubs: await publicClubs() };
}

export default function PublicObservatory() {
  const { clubs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Observatoire des Rencontres Business de Proximité</h1>
      <p>
        Chaque club publie ses chiffres agrégés : entreprises des quartiers prioritaires sourcées, besoins d'achat, rendez-vous d'affaires, contrats gagnés. Pour protéger les
        entreprises, un chiffre qui repose sur moins de cinq entreprises est remplacé par « &lt; 5 », et aucun montant individuel ne peut s'en déduire.
      </p>
      {clubs.length ? (
        <ul>
          {clubs.map((c) => (
            <li key={c.slug}>
              <Link to={`/observatoire/${c.slug}`}>{c.name}</Link> <span className="muted">— {c.epciName}</span>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState title="Aucun club pour l'instant">Les chiffres paraîtront ici dès qu'un club sera ouvert.</EmptyState>
      )}
    </>
  );
}
