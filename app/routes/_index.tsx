import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/Card";
import { getSessionUser } from "~/modules/accounts/session.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [
  { title: "Proxima — Rencontres Business de Proximité" },
  { name: "description", content: "Entrepreneurs des quartiers prioritaires et entreprises engagées (PAQTE) se rencontrent et font affaire localement." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return { signedIn: Boolean(user) };
}

export default function Home() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero">
        <h1>Les entreprises des quartiers et les grandes entreprises, enfin réunies près de chez vous</h1>
        <p>
          Proxima est la plateforme des Rencontres Business de Proximité : les entrepreneurs des quartiers prioritaires (QPV) se font
          connaître, les entreprises signataires du PAQTE publient leurs besoins d'achat, et les clubs locaux organisent des rendez-vous
          d'affaires.
        </p>
        {signedIn ? (
          <Link to="/tableau-de-bord" className="button button-primary">
            Mon tableau de bord
          </Link>
        ) : (
          <div className="actions">
            <Link to="/inscription" className="button button-primary">
              Créer un compte
            </Link>
            <Link to="/connexion" className="button button-secondary">
              Se connecter
            </Link>
          </div>
        )}
      </section>
      <div className="grid grid-3">
        <Card title="Entrepreneurs des quartiers">
          <p>Présentez votre entreprise, faites vérifier votre implantation en QPV et recevez les besoins qui vous correspondent.</p>
        </Card>
        <Card title="Acheteurs engagés">
          <p>Publiez vos besoins d'achat responsable et trouvez des fournisseurs locaux, avec les raisons de chaque suggestion.</p>
        </Card>
        <Card title="Clubs d'entreprises">
          <p>Organisez des rencontres d'affaires : inscriptions, souhaits de rendez-vous, planning automatique et suivi des affaires conclues.</p>
        </Card>
      </div>
    </>
  );
}
