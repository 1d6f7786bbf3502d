import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { readUnsubscribeToken, unsubscribe } from "~/modules/needs/notifications.server";
import { policies } from "~/lib/policy";

/** Public: the link in every needs mail works without signing in (the token is signed). */
export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Désabonnement — Proxima" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const read = readUnsubscribeToken(params.token ?? "");
  if (!read) return data({ email: null }, { status: 404 });
  return { email: read.email };
}

export async function action({ params }: ActionFunctionArgs) {
  if (!readUnsubscribeToken(params.token ?? "")) return data({ done: false }, { status: 404 });
  await unsubscribe(params.token ?? "");
  return { done: true };
}

export default function Unsubscribe() {
  const { email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!email) {
    return (
      <div className="narrow">
        <h1>Désabonnement</h1>
        <p>Ce lien de désabonnement n'est pas valable.</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>Désabonnement</h1>
      {actionData?.done ? (
        <p role="status">C'est fait : {email} ne recevra plus les besoins des acheteurs par e-mail. Ils restent visibles dans « Besoins pour vous ».</p>
      ) : (
        <Form method="post">
          <p>Ne plus recevoir par e-mail les besoins des acheteurs à l'adresse {email} ?</p>
          <Button type="submit">Me désabonner</Button>
        </Form>
      )}
    </div>
  );
}
