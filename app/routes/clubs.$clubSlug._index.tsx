import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/Card";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { clubAnimators, clubQpvList } from "~/modules/organisations/clubs.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.club.name ?? "Club"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const [animators, qpvs] = await Promise.all([clubAnimators(club.id), clubQpvList(club.id)]);
  return { club, animators, qpvs };
}

export default function ClubHome() {
  const { club, animators, qpvs } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{club.name}</h1>
      <p className="muted">Territoire : {club.epciName}</p>
      <nav aria-label="Espace du club">
        <ul>
          <li>
            <Link to={`/clubs/${club.slug}/rencontres`}>Rencontres Business de Proximité</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/besoins`}>Besoins du club (modération)</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/potentiel`}>Potentiel local</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/suivi`}>Suivi des opportunités (séances du club)</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/opportunites`}>Opportunités des participants</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/fournisseurs`}>Fournisseurs du club (import, invitations, export)</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/verifications`}>Vérifications des implantations en QPV</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/tarifs`}>Tarifs et adhésions</Link>
          </li>
          <li>
            <Link to={`/clubs/${club.slug}/paiements`}>Paiements</Link>
          </li>
        </ul>
      </nav>
      <div className="grid grid-2">
        <Card title="Animateurs">
          <ul>
            {animators.map((a) => (
              <li key={a.id}>{a.displayName}</li>
            ))}
          </ul>
        </Card>
        <Card title={`Quartiers prioritaires couverts (${qpvs.length})`}>
          <ul>
            {qpvs.map((q) => (
              <li key={q.code}>
                {q.name} — {q.communeNames}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
