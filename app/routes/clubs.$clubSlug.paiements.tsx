import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PaymentsTable, PaymentTotals } from "~/modules/billing/PaymentsTable";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { billingEnabled } from "~/modules/billing/config.server";
import { listClubPayments, paymentTotals } from "~/modules/billing/payments.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Paiements — ${data?.club.name ?? "Club"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const payments = await listClubPayments(club.id);
  return { club, enabled: billingEnabled(), payments, totals: paymentTotals(payments) };
}

export default function ClubPayments() {
  const { club, enabled, payments, totals } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Paiements du club</h1>
      {!enabled ? (
        <div className="alert alert-info" role="status">
          Les paiements ne sont pas activés sur Proxima : la plateforme est gratuite.
        </div>
      ) : null}
      {payments.length ? (
        <>
          <PaymentTotals totals={totals} />
          <p>
            <a href={`/clubs/${club.slug}/paiements.csv`} download>
              Télécharger les paiements (CSV)
            </a>
          </p>
          <PaymentsTable payments={payments} />
        </>
      ) : (
        <p>Aucun paiement pour l'instant.</p>
      )}
    </>
  );
}
