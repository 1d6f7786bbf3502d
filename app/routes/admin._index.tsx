import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction = () => [{ title: "Administration — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminHome() {
  return (
    <>
      <h1>Administration</h1>
      <ul>
        <li>
          <Link to="/admin/clubs">Clubs et animateurs</Link>
        </li>
        <li>
          <Link to="/admin/mails">Courriels (boîte d'envoi)</Link>
        </li>
        <li>
          <Link to="/admin/paiements">Paiements de tous les clubs</Link>
        </li>
        <li>
          <Link to="/admin/observatoire">Observatoire des territoires (EPCI, département, QPV)</Link>
        </li>
      </ul>
    </>
  );
}
