import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "~/modules/accounts/accounts.server";
import { safeRedirect } from "~/modules/accounts/session.server";
import { policies } from "~/lib/policy";
import { withRedirectTo } from "~/lib/url";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Confirmation de l'adresse e-mail — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const verified = token ? Boolean(await verifyEmail(token)) : false;
  // The page the person was going to before signing up (an invitation, an event), if it is ours.
  return { verified, login: withRedirectTo("/connexion", safeRedirect(url.searchParams.get("redirectTo"), "")) };
}

export default function VerifyEmail() {
  const { verified, login } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Confirmation de l'adresse e-mail</h1>
      {verified ? (
        <p className="alert alert-success" role="status">
          Votre adresse est confirmée. Vous pouvez maintenant vous connecter.
        </p>
      ) : (
        <p className="alert alert-error" role="alert">
          Ce lien n'est plus valable (déjà utilisé ou expiré). Connectez-vous : un nouveau lien vous sera envoyé si besoin.
        </p>
      )}
      <p>
        <Link to={login} className="button button-primary">
          Se connecter
        </Link>
      </p>
    </div>
  );
}
