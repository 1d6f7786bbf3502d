import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/Card";
import { requireUser } from "~/modules/accounts/guards.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction = () => [{ title: "Tableau de bord — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { displayName: user.displayName, isAdmin: user.isAdmin, memberships: user.memberships };
}

const kindLabel = { supplier: "Entreprise fournisseur", buyer: "Entreprise acheteuse", club: "Club" } as const;

export default function Dashboard() {
  const { displayName, isAdmin, memberships } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Bonjour {displayName}</h1>
      {memberships.length === 0 && !isAdmin ? (
        <Card title="Bienvenue">
          <p>Vous n'appartenez encore à aucune organisation. Ouvrez le lien d'invitation reçu par e-mail, ou créez un nouveau compte pour votre entreprise.</p>
        </Card>
      ) : null}
      <div className="grid grid-2">
        {memberships.map((m) => (
          <Card key={m.organisationId} title={m.name}>
            <p className="muted">{kindLabel[m.kind]}</p>
            <ul>
              {m.kind === "club" ? (
                <>
                  <li>
                    <Link to={`/clubs/${m.slug}`}>Espace du club</Link>
                  </li>
                  <li>
                    <Link to={`/clubs/${m.slug}/fournisseurs`}>Fournisseurs du club</Link>
                  </li>
                  <li>
                    <Link to={`/clubs/${m.slug}/verifications`}>Vérifications QPV</Link>
                  </li>
                </>
              ) : null}
              {m.kind === "supplier" ? (
                <li>
                  <Link to="/fournisseur/profil">Ma fiche entreprise</Link>
                </li>
              ) : null}
              {m.kind !== "club" ? (
                <li>
                  <Link to="/rencontres">Rencontres Business de Proximité</Link>
                </li>
              ) : null}
              <li>
                <Link to={`/organisations/${m.slug}/membres`}>Membres et invitations</Link>
              </li>
            </ul>
          </Card>
        ))}
        {isAdmin ? (
          <Card title="Administration">
            <ul>
              <li>
                <Link to="/admin/clubs">Clubs et animateurs</Link>
              </li>
              <li>
                <Link to="/admin/mails">Courriels envoyés</Link>
              </li>
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
