import { Badge } from "~/components/Badge";
import { DataTable } from "~/components/DataTable";
import { formatCents, paymentPurposeText, paymentStatusText, paymentStatusTone, type PaymentStatusName } from "~/modules/billing/labels";
import { formatDate } from "~/lib/format";

/** The payments list shared by the club's and the administrator's pages. No data access. */

type PaymentLine = {
  id: string;
  createdAt: string | Date;
  clubName: string;
  buyerName: string;
  purpose: "membership" | "ticket";
  amountCents: number;
  status: PaymentStatusName;
  paidAt: string | Date | null;
  refundedAt: string | Date | null;
  amountRefundedCents: number;
  failureReason: string | null;
};

export function PaymentsTable({ payments, showClub = false }: { payments: PaymentLine[]; showClub?: boolean }) {
  return (
    <DataTable
      caption="Paiements, du plus récent au plus ancien"
      rows={payments}
      rowKey={(p) => p.id}
      columns={[
        { header: "Date", cell: (p) => formatDate(p.createdAt) },
        ...(showClub ? [{ header: "Club", cell: (p: PaymentLine) => p.clubName }] : []),
        { header: "Entreprise", cell: (p) => p.buyerName },
        { header: "Objet", cell: (p) => paymentPurposeText[p.purpose] },
        { header: "Montant", cell: (p) => formatCents(p.amountCents), numeric: true },
        {
          header: "Statut",
          cell: (p) => (
            <>
              <Badge tone={paymentStatusTone[p.status]}>{paymentStatusText[p.status]}</Badge>
              {p.status === "refunded" && p.refundedAt ? <span className="muted"> le {formatDate(p.refundedAt)}</span> : null}
              {p.status === "paid" && p.amountRefundedCents > 0 ? <span className="muted"> — remboursé en partie : {formatCents(p.amountRefundedCents)}</span> : null}
              {p.failureReason && p.status !== "paid" ? <span className="muted"> ({p.failureReason})</span> : null}
            </>
          ),
        },
      ]}
    />
  );
}

export function PaymentTotals({ totals }: { totals: Record<PaymentStatusName, number> }) {
  return (
    <p>
      Encaissé : <strong>{formatCents(totals.paid)}</strong> — remboursé : {formatCents(totals.refunded)} — en attente : {formatCents(totals.pending)}
    </p>
  );
}
