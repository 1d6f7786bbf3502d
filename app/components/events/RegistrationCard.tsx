import { Form, Link } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError } from "~/components/Field";
import { formatCents } from "~/modules/billing/labels";
import { participantStatusLabel, type ParticipantStatus } from "~/modules/events/labels";

/** The signed-in person's registration, with the ticket payment when one is awaited. No data access. */

export type TicketState = "not_required" | "pending" | "paid" | "cancelled" | "refunded" | "failed";

type Props = {
  eventSlug: string;
  eventDone: boolean;
  participant: { status: ParticipantStatus; waitlistPosition: number | null };
  ticket: TicketState;
  priceCents: number | null;
  /** Back from Checkout: "succes" or "annule". */
  returned: string | null;
  formError?: string | null;
};

const tone = (status: ParticipantStatus) =>
  status === "approved" ? "success" : status === "rejected" || status === "cancelled" ? "danger" : "warning";

function PaymentState({ ticket, priceCents, returned }: Pick<Props, "ticket" | "priceCents" | "returned">) {
  if (ticket === "pending") {
    return (
      <div role="status">
        <p>
          {returned === "succes"
            ? "Merci : votre paiement est en cours de confirmation par Stripe. Votre inscription sera confirmée dès sa réception."
            : "Un paiement est en cours. Votre inscription sera confirmée dès que Stripe nous l'aura confirmé."}
        </p>
        <p>
          <Link to=".">Actualiser la page</Link>
        </p>
      </div>
    );
  }
  if (ticket === "paid") return <p role="status">Votre billet est payé : l'inscription est en cours de confirmation.</p>;
  return (
    <>
      <p role="alert">
        {ticket === "failed" ? "Le paiement du billet a échoué." : "Le paiement du billet n'a pas abouti."} Votre inscription n'est pas confirmée tant que le billet
        {priceCents ? ` (${formatCents(priceCents)})` : ""} n'est pas payé.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="pay" />
        <Button type="submit">Réessayer le paiement{priceCents ? ` (${formatCents(priceCents)})` : ""}</Button>
      </Form>
    </>
  );
}

export function RegistrationCard({ eventSlug, eventDone, participant, ticket, priceCents, returned, formError }: Props) {
  const active = ["approved", "pending", "waitlisted", "awaiting_payment"].includes(participant.status);
  return (
    <Card title="Votre inscription">
      <p>
        <Badge tone={tone(participant.status)}>{participantStatusLabel[participant.status]}</Badge>
        {participant.waitlistPosition ? ` — position ${participant.waitlistPosition}` : null}
        {ticket === "paid" && participant.status !== "awaiting_payment" ? " · billet payé" : null}
        {ticket === "refunded" ? " · billet remboursé" : null}
      </p>
      {participant.status === "awaiting_payment" ? <PaymentState ticket={ticket} priceCents={priceCents} returned={returned} /> : null}
      {participant.status === "approved" ? (
        <ul>
          <li>
            <Link to={`/rencontres/${eventSlug}/participants`}>Participants et demandes de rendez-vous</Link>
          </li>
          <li>
            <Link to={`/rencontres/${eventSlug}/mes-rendez-vous`}>Mes rendez-vous</Link>
          </li>
        </ul>
      ) : null}
      <FormError message={formError} />
      {active && !eventDone ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          {ticket === "paid" ? <p className="muted">Le billet est remboursé si vous annulez avant la clôture des inscriptions.</p> : null}
          <Button type="submit" variant="danger">
            Annuler mon inscription
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
