import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { FlashMessage } from "~/components/FlashMessage";
import { SiteFooter } from "~/components/SiteFooter";
import { SiteHeader } from "~/components/SiteHeader";
import { getSessionUser } from "~/modules/accounts/session.server";
import { navigationFor } from "~/modules/accounts/navigation";
import { unreadCount } from "~/modules/notifications/in-app.server";
import { readFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";
import styles from "~/styles/app.css?url";

export const policy = policies.public;

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "stylesheet", href: styles },
];

export const meta: MetaFunction = () => [{ title: "Proxima — Rencontres Business de Proximité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const { flash, setCookie } = await readFlash(request);
  const nav = navigationFor(user);
  // Every page load passes here: the flash cookie, and the session cookie when lucia extended it.
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (user?.renewedCookie) headers.append("Set-Cookie", user.renewedCookie);
  return data({ nav: nav && { ...nav, unread: await unreadCount(user!.id) }, flash }, { headers });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader user={root?.nav ?? null} />
        <main id="contenu" className="page" tabIndex={-1}>
          <FlashMessage flash={root?.flash ?? null} />
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

const errorTitles: Record<number, { title: string; text: string }> = {
  400: { title: "Demande invalide", text: "La demande n'a pas pu être traitée. Vérifiez les informations saisies." },
  401: { title: "Connexion requise", text: "Connectez-vous pour accéder à cette page." },
  403: { title: "Accès refusé", text: "Vous n'avez pas accès à cette page." },
  404: { title: "Page introuvable", text: "Cette page n'existe pas ou a été déplacée." },
  429: { title: "Trop de tentatives", text: "Patientez quelques minutes avant de réessayer." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = errorTitles[status] ?? {
    title: "Une erreur est survenue",
    text: "Le service a rencontré un problème. Réessayez dans un instant ; si cela persiste, contactez l'animateur de votre club.",
  };
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" && status < 500 ? error.data : null;
  return (
    <div className="error-page">
      <h1>{known.title}</h1>
      <p>{detail ?? known.text}</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </div>
  );
}
