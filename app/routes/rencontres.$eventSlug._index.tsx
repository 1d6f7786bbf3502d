import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, SelectField, TextAreaField } from "~/components/Field";
import { RegistrationCard } from "~/components/events/RegistrationCard";
import { requireUser } from "~/modules/accounts/guards.server";
import { formatCents } from "~/modules/billing/labels";
import { registrationState, slotsOf } from "~/modules/events/events.server";
import { publicEventContext } from "~/modules/events/route-context.server";
import { RegistrationSchema } from "~/modules/events/schemas";
import { sessionLabel } from "~/modules/events/slots";
import { buyerTicketPrice, cancelOwnRegistration, registerForEvent, registrationTicketState, returnFromAbandonedCheckout, startRegistrationCheckout } from "~/modules/events/tickets.server";
import { statusLabel } from "~/modules/events/labels";
import { DomainError } from "~/lib/errors";
import { formatDate, formatDateTime, formatTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";
import { withRedirectTo } from "~/lib/url";

export const policy = policies.public;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, clubName, user, participant } = await publicEventContext(request, params.eventSlug);
  // Back from Checkout without paying (Stripe's cancel URL is a GET): the attempt is closed at once.
  if (user && new URL(request.url).searchParams.get("paiement") === "annule") await returnFromAbandonedCheckout({ eventId: event.id, userId: user.id });
  const [slots, priceCents, ticket] = await Promise.all([slotsOf(event.id), buyerTicketPrice(event.id), registrationTicketState(participant)]);
  const organisations = (user?.memberships ?? []).filter((m) => m.kind === "supplier" || m.kind === "buyer").map((m) => ({ id: m.organisationId, name: m.name, kind: m.kind }));
  const e = event;
  return {
    event: {
      id: e.id,
      slug: e.slug,
      title: e.title,
      description: e.description,
      venue: e.venue,
      date: e.date,
      sessions: e.sessions,
      status: e.status,
      meetingMinutes: e.meetingMinutes,
      registrationClosesAt: e.registrationClosesAt,
      wishDeadline: e.wishDeadline,
    },
    // Null without Stripe: no price is ever shown then.
    priceCents,
    ticket,
    clubName,
    registration: registrationState(event, new Date()),
    slots: slots.map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, session: s.session })),
    signedIn: Boolean(user),
    organisations,
    participant: participant ? { status: participant.status, waitlistPosition: participant.waitlistPosition } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The event first: an unknown event is a 404 for everyone, signed in or not.
  const { event } = await publicEventContext(request, params.eventSlug);
  const user = await requireUser(request);
  const formData = await request.formData();
  const here = `/rencontres/${event.slug}`;
  const intent = formData.get("intent");
  if (intent === "cancel" || intent === "pay") {
    try {
      if (intent === "pay") {
        const { checkoutUrl } = await startRegistrationCheckout({ eventId: event.id, userId: user.id, userEmail: user.email });
        return checkoutUrl ? redirect(checkoutUrl) : redirectWithFlash(here, { type: "success", message: "Vous êtes inscrit." });
      }
      const { refunded } = await cancelOwnRegistration({ eventId: event.id, userId: user.id });
      return redirectWithFlash(here, { type: "success", message: refunded ? "Votre inscription est annulée et votre billet remboursé." : "Votre inscription est annulée." });
    } catch (error) {
      if (error instanceof DomainError) return data({ result: undefined, formError: error.message }, { status: error.status });
      throw error;
    }
  }
  const submission = parseWithZod(formData, { schema: RegistrationSchema });
  if (submission.status !== "success") return invalidForm(submission, { formError: null });
  const { org, pitch, sessionPreference, slots } = submission.value;
  let status: string;
  try {
    const { participant, checkoutUrl } = await registerForEvent({
      eventId: event.id,
      userId: user.id,
      userEmail: user.email,
      organisationId: org,
      pitch,
      sessionPreference: sessionPreference === "custom" ? "all" : sessionPreference,
      slots: sessionPreference === "custom" ? (slots ?? []) : null,
    });
    // A buyer's ticket: paid on Stripe's page; the webhook confirms the registration.
    if (checkoutUrl) return redirect(checkoutUrl);
    status = participant.status;
  } catch (error) {
    return refusedForm(submission, error, { extra: { formError: null } });
  }
  const message =
    status === "approved"
      ? "Vous êtes inscrit. Demandez maintenant vos rendez-vous."
      : status === "pending"
        ? "Inscription enregistrée : l'animateur du club la validera."
        : status === "awaiting_payment"
          ? "Inscription enregistrée : elle sera confirmée une fois le billet payé."
          : "La rencontre est complète : vous êtes sur la liste d'attente.";
  return redirectWithFlash(here, { type: "success", message });
}

export default function EventPage() {
  const { event, clubName, registration, slots, signedIn, organisations, participant, priceCents, ticket } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.result?.error;
  const twoSessions = event.sessions.length > 1;
  const active = participant && ["approved", "pending", "waitlisted", "awaiting_payment"].includes(participant.status);
  const buyerOnly = organisations.length === 1 && organisations[0]!.kind === "buyer";
  return (
    <>
      <p>
        <Link to="/rencontres">← Toutes les rencontres</Link>
      </p>
      <h1>{event.title}</h1>
      <p>
        <strong>{formatDate(event.date)}</strong> · {event.venue} · <Badge tone="info">{statusLabel[event.status]}</Badge>
      </p>
      <p className="muted">Organisée par {clubName}</p>
      {event.description ? <p className="pre-wrap">{event.description}</p> : null}
      <ul>
        {event.sessions.map((s) => (
          <li key={s.name}>
            {sessionLabel[s.name]} : {s.start} – {s.end}
          </li>
        ))}
        <li>Rendez-vous de {event.meetingMinutes} minutes, préparés à l'avance.</li>
        {event.registrationClosesAt ? <li>Inscriptions jusqu'au {formatDateTime(event.registrationClosesAt)}.</li> : null}
        {event.wishDeadline ? <li>Demandes de rendez-vous jusqu'au {formatDateTime(event.wishDeadline)}.</li> : null}
        {priceCents ? <li>Billet acheteur : {formatCents(priceCents)}, payé en ligne à l'inscription (gratuit pour les fournisseurs).</li> : null}
      </ul>

      {participant ? (
        <RegistrationCard
          eventSlug={event.slug}
          eventDone={event.status === "done" || event.status === "cancelled"}
          participant={participant}
          ticket={ticket}
          priceCents={priceCents}
          returned={searchParams.get("paiement")}
          formError={actionData?.formError ?? actionData?.result?.error?.[""]?.join(" ")}
        />
      ) : null}

      {!active && participant?.status !== "rejected" ? (
        <Card title="S'inscrire">
          {!registration.open ? (
            <p>{registration.reason}</p>
          ) : !signedIn ? (
            <p>
              <Link to={withRedirectTo("/connexion", `/rencontres/${event.slug}`)}>Connectez-vous</Link> ou{" "}
              <Link to={withRedirectTo("/inscription", `/rencontres/${event.slug}`)}>créez un compte</Link> pour inscrire votre entreprise.
            </p>
          ) : organisations.length === 0 ? (
            <p>Les rencontres réunissent des entreprises acheteuses et des fournisseurs : votre compte n'est rattaché à aucune d'elles.</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="register" />
              <FormError message={errors?.[""]?.join(" ")} />
              {organisations.length > 1 ? (
                <SelectField label="Vous vous inscrivez pour" name="org" options={organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.kind === "buyer" ? "acheteur" : "fournisseur"})` }))} errors={errors?.org} />
              ) : (
                <>
                  <input type="hidden" name="org" value={organisations[0]!.id} />
                  <p>
                    Pour <strong>{organisations[0]!.name}</strong> ({organisations[0]!.kind === "buyer" ? "acheteur" : "fournisseur"}).
                  </p>
                </>
              )}
              <TextAreaField
                label="Ce que vous cherchez ou proposez"
                name="pitch"
                rows={4}
                errors={errors?.pitch}
                hint="Quelques phrases lues par les autres participants avant de vous demander un rendez-vous."
              />
              <fieldset>
                <legend>Vos disponibilités</legend>
                {[
                  { value: "all", label: "Tous les créneaux" },
                  ...(twoSessions
                    ? [
                        { value: "morning", label: "Le matin seulement" },
                        { value: "afternoon", label: "L'après-midi seulement" },
                      ]
                    : []),
                  { value: "custom", label: "Seulement les créneaux cochés ci-dessous" },
                ].map((o) => (
                  <div className="checkbox" key={o.value}>
                    <input type="radio" name="sessionPreference" id={`pref-${o.value}`} value={o.value} defaultChecked={o.value === "all"} />
                    <label htmlFor={`pref-${o.value}`}>{o.label}</label>
                  </div>
                ))}
                <details>
                  <summary>Choisir mes créneaux</summary>
                  {slots.map((s) => (
                    <div className="checkbox" key={s.id}>
                      <input type="checkbox" name="slots" id={`slot-${s.id}`} value={s.id} defaultChecked />
                      <label htmlFor={`slot-${s.id}`}>
                        {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
                      </label>
                    </div>
                  ))}
                </details>
                {errors?.slots ? <p className="field-error">{errors.slots.join(" ")}</p> : null}
                {errors?.sessionPreference ? <p className="field-error">{errors.sessionPreference.join(" ")}</p> : null}
              </fieldset>
              {priceCents ? <p className="muted">Entreprise acheteuse : le billet ({formatCents(priceCents)}) se paie sur la page sécurisée de Stripe ; votre inscription est confirmée une fois le paiement reçu.</p> : null}
              <Button type="submit">{priceCents && buyerOnly ? `M'inscrire et payer le billet (${formatCents(priceCents)})` : "M'inscrire"}</Button>
            </Form>
          )}
        </Card>
      ) : null}
    </>
  );
}
