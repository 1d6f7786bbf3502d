import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logOut } from "~/modules/accounts/accounts.server";
import { sessionIdFrom } from "~/modules/accounts/session.server";
import { policies } from "~/lib/policy";

/** Public: signing out must work even with an expired session. */
export const policy = policies.public;

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await logOut(sessionIdFrom(request));
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
