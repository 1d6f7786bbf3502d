import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, SelectField, TextAreaField } from "~/components/Field";
import { requireUser } from "~/modules/accounts/guards.server";
import { registrationState, slotsOf } from "~/modules/events/events.server";
import { cancelRegistration, registerParticipant } from "~/modules/events/registration.server";
import { publicEventContext } from "~/modules/events/route-context.server";
import { RegistrationSchema } from "~/modules/events/schemas";
import { sessionLabel } from "~/modules/events/slots";
import { participantStatusLabel, statusLabel } from "~/modules/events/labels";
import { DomainError } from "~/lib/errors";
import { formatDate, formatDateTime, formatEuros, formatTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, clubName, user, participant } = await publicEventContext(request, params.eventSlug);
  const slots = await slotsOf(event.id);
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
      ticketPriceCents: e.ticketPriceCents,
    },
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
  if (formData.get("intent") === "cancel") {
    try {
      await cancelRegistration({ eventId: event.id, userId: user.id });
    } catch (error) {
      if (error instanceof DomainError) return data({ result: undefined, formError: error.message }, { status: error.status });
      throw error;
    }
    return redirectWithFlash(here, { type: "success", message: "Votre inscription est annulée." });
  }
  const submission = parseWithZod(formData, { schema: RegistrationSchema });
  if (submission.status !== "success") return invalidForm(submission, { formError: null });
  const { org, pitch, sessionPreference, slots } = submission.value;
  let status: string;
  try {
    const row = await registerParticipant({
      eventId: event.id,
      userId: user.id,
      organisationId: org,
      pitch,
      sessionPreference: sessionPreference === "custom" ? "all" : sessionPreference,
      slots: sessionPreference === "custom" ? (slots ?? []) : null,
    });
    status = row.status;
  } catch (error) {
    return refusedForm(submission, error, { extra: { formError: null } });
  }
  const message =
    status === "approved"
      ? "Vous êtes inscrit. Demandez maintenant vos rendez-vous."
      : status === "pending"
        ? "Inscription enregistrée : l'animateur du club la validera."
        : "La rencontre est complète : vous êtes sur la liste d'attente.";
  return redirectWithFlash(here, { type: "success", message });
}

export default function EventPage() {
  const { event, clubName, registration, slots, signedIn, organisations, participant } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error;
  const twoSessions = event.sessions.length > 1;
  const active = participant && ["approved", "pending", "waitlisted"].includes(participant.status);
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
        {event.ticketPriceCents ? <li>Billet acheteur : {formatEuros(event.ticketPriceCents / 100, 2)} (gratuit pour les fournisseurs).</li> : null}
      </ul>

      {participant ? (
        <Card title="Votre inscription">
          <p>
            <Badge tone={participant.status === "approved" ? "success" : participant.status === "rejected" || participant.status === "cancelled" ? "danger" : "warning"}>
              {participantStatusLabel[participant.status]}
            </Badge>
            {participant.waitlistPosition ? ` — position ${participant.waitlistPosition}` : null}
          </p>
          {participant.status === "approved" ? (
            <ul>
              <li>
                <Link to={`/rencontres/${event.slug}/participants`}>Participants et demandes de rendez-vous</Link>
              </li>
              <li>
                <Link to={`/rencontres/${event.slug}/mes-rendez-vous`}>Mes rendez-vous</Link>
              </li>
            </ul>
          ) : null}
          <FormError message={actionData?.formError} />
          {active && event.status !== "done" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <Button type="submit" variant="danger">
                Annuler mon inscription
              </Button>
            </Form>
          ) : null}
        </Card>
      ) : null}

      {!active && participant?.status !== "rejected" ? (
        <Card title="S'inscrire">
          {!registration.open ? (
            <p>{registration.reason}</p>
          ) : !signedIn ? (
            <p>
              <Link to={`/connexion?redirectTo=${encodeURIComponent(`/rencontres/${event.slug}`)}`}>Connectez-vous</Link> ou{" "}
              <Link to="/inscription">créez un compte</Link> pour inscrire votre entreprise.
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
              <Button type="submit">M'inscrire</Button>
            </Form>
          )}
        </Card>
      ) : null}
    </>
  );
}
