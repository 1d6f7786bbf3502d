import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PaymentsTable, PaymentTotals } from "~/modules/billing/PaymentsTable";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { billingEnabled } from "~/modules/billing/config.server";
import { listAllPayments, paymentTotals } from "~/modules/billing/payments.server";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction = () => [{ title: "Paiements — Administration — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const payments = await listAllPayments();
  return { enabled: billingEnabled(), payments, totals: paymentTotals(payments) };
}

export default function AdminPayments() {
  const { enabled, payments, totals } = useLoaderData<typeof loader>();
  const clubs = [...new Map(payments.map((p) => [p.clubSlug, p.clubName])).entries()];
  return (
    <>
      <p>
        <Link to="/admin">← Administration</Link>
      </p>
      <h1>Paiements de tous les clubs</h1>
      {!enabled ? (
        <div className="alert alert-info" role="status">
          Les paiements ne sont pas activés (aucune clé Stripe) : la plateforme est gratuite.
        </div>
      ) : null}
      {payments.length ? (
        <>
          <PaymentTotals totals={totals} />
          <p>Export CSV par club :</p>
          <ul>
            {clubs.map(([slug, name]) => (
              <li key={slug}>
                <a href={`/clubs/${slug}/paiements.csv`} download>
                  {name}
                </a>
              </li>
            ))}
          </ul>
          <PaymentsTable payments={payments} showClub />
        </>
      ) : (
        <p>Aucun paiement pour l'instant.</p>
      )}
    </>
  );
}
