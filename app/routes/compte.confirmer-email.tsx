import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { confirmEmailChange } from "~/modules/accounts/accounts.server";
import { DomainError } from "~/lib/errors";
import { policies } from "~/lib/policy";

/** Public: the link may be opened on a device where the person is not signed in. */
export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Nouvelle adresse e-mail — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  try {
    await confirmEmailChange(token);
    return { ok: true, message: "Votre nouvelle adresse e-mail est enregistrée." };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, message: error.message };
    throw error;
  }
}

export default function ConfirmEmail() {
  const { ok, message } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>Nouvelle adresse e-mail</h1>
      <p className={ok ? "alert alert-success" : "alert alert-error"} role={ok ? "status" : "alert"}>
        {message}
      </p>
      <Link to="/compte">Retour à mon compte</Link>
    </div>
  );
}
