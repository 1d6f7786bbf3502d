import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Button } from "~/components/Button";
import { notFound } from "~/modules/accounts/guards.server";
import { getSessionUser, loginRedirect } from "~/modules/accounts/session.server";
import { acceptInvitation, declineInvitation, findInvitation, invitationState } from "~/modules/organisations/invitations.server";
import { DomainError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";
import { withRedirectTo } from "~/lib/url";

/** Public: the invitee may not have an account yet. Accepting requires signing in with the invited address. */
export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Invitation — Proxima" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await findInvitation(params.token ?? "");
  if (!invitation) throw notFound("Cette invitation n'existe pas.");
  const user = await getSessionUser(request);
  return {
    organisationName: invitation.organisationName,
    email: invitation.email,
    state: invitationState(invitation, new Date()),
    signedInAs: user?.email ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  if (!(await findInvitation(token))) throw notFound("Cette invitation n'existe pas.");
  const form = await request.formData();
  try {
    if (form.get("intent") === "decline") {
      await declineInvitation({ token });
      return redirectWithFlash("/", { type: "info", message: "Invitation refusée." });
    }
    const user = await getSessionUser(request);
    if (!user) throw loginRedirect(request);
    await acceptInvitation({ token, user });
    return redirectWithFlash("/tableau-de-bord", { type: "success", message: "Invitation acceptée : bienvenue !" });
  } catch (error) {
    if (error instanceof DomainError) return redirectWithFlash(`/invitations/${token}`, { type: "error", message: error.message });
    throw error;
  }
}

export default function Invitation() {
  const { organisationName, email, state, signedInAs } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <div className="narrow">
      <h1>Invitation à rejoindre {organisationName}</h1>
      {state !== "pending" ? (
        <p className="alert alert-info" role="status">
          Cette invitation est {state === "accepted" ? "déjà acceptée" : state === "declined" ? "refusée" : "expirée"}.
        </p>
      ) : (
        <>
          <p>Cette invitation a été envoyée à {email}.</p>
          {signedInAs ? (
            <p>Vous êtes connecté(e) en tant que {signedInAs}.</p>
          ) : (
            <p>
              Pour l'accepter, <Link to={withRedirectTo("/connexion", location.pathname)}>connectez-vous</Link> ou{" "}
              <Link to={withRedirectTo("/inscription", location.pathname)}>créez votre compte</Link> avec cette adresse : vous reviendrez ici après
              confirmation.
            </p>
          )}
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              <Button type="submit">Accepter</Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="decline" />
              <Button type="submit" variant="secondary">
                Refuser
              </Button>
            </Form>
          </div>
        </>
      )}
    </div>
  );
}
