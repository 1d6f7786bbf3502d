import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { FormError, SelectField } from "~/components/Field";
import { EventSettingsForm, settingsValues, type SettingsValues } from "~/components/events/EventSettingsForm";
import { allowedTransitions, setEventStatus, slotsOf, updateEvent } from "~/modules/events/events.server";
import { participantsOfEvent } from "~/modules/events/registration.server";
import { requireClubEvent } from "~/modules/events/route-context.server";
import { CancelEventSchema, EventSettingsSchema, EventStatusSchema, ForceMeetingSchema, ParticipantDecisionSchema, RemoveRequestSchema } from "~/modules/events/schemas";
import { sessionLabel, toParisInput } from "~/modules/events/slots";
import { cancelEvent, decideRegistration } from "~/modules/events/tickets.server";
import { forceMeeting, removeMeetingRequest, requestsOfEvent } from "~/modules/events/wishes.server";
import { participantStatusLabel, requestStatusLabel, sideLabel, statusLabel } from "~/modules/events/labels";
import { formatDate, formatTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club, event } = await requireClubEvent(request, params);
  const [slots, participants, requests] = await Promise.all([slotsOf(event.id), participantsOfEvent(event.id), requestsOfEvent(event.id)]);
  const values = settingsValues({
    ...event,
    registrationOpensAt: toParisInput(event.registrationOpensAt),
    registrationClosesAt: toParisInput(event.registrationClosesAt),
    wishDeadline: toParisInput(event.wishDeadline),
  });
  return { club, event, values, transitions: allowedTransitions(event.status), slots, participants, requests };
}

const statusAction: Record<string, string> = {
  draft: "Repasser en brouillon",
  open: "Ouvrir les inscriptions",
  scheduling: "Passer à la planification",
  done: "Marquer comme terminée",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, event } = await requireClubEvent(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/clubs/${club.slug}/rencontres/${event.slug}`;
  const schema =
    intent === "settings"
      ? EventSettingsSchema
      : intent === "status"
        ? EventStatusSchema
        : intent === "approve" || intent === "reject"
          ? ParticipantDecisionSchema
          : intent === "force"
            ? ForceMeetingSchema
            : intent === "remove"
              ? RemoveRequestSchema
              : intent === "cancel-event"
                ? CancelEventSchema
                : null;
  if (!schema) return data({ result: undefined, intent: null, formError: "Action inconnue." }, { status: 400 });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return invalidForm(submission, { intent: String(intent), formError: null });
  const value = submission.value as Record<string, unknown>;
  let message: string;
  try {
    if (intent === "settings") {
      const { slotsChanged } = await updateEvent({ clubId: club.id, slug: event.slug, settings: submission.value as never });
      message = slotsChanged ? "Réglages enregistrés ; les créneaux ont été recalculés." : "Réglages enregistrés.";
    } else if (intent === "status") {
      const updated = await setEventStatus({ clubId: club.id, slug: event.slug, status: value.status as never });
      message = `Statut : ${statusLabel[updated.status]}.`;
    } else if (intent === "approve" || intent === "reject") {
      const { refunded } = await decideRegistration({ eventId: event.id, participantId: String(value.participantId), decision: intent });
      message = intent === "approve" ? "Inscription validée." : refunded ? "Inscription refusée ; le billet est remboursé." : "Inscription refusée.";
    } else if (intent === "cancel-event") {
      const { refunded, failed } = await cancelEvent({ clubId: club.id, slug: event.slug });
      message = `Rencontre annulée ; les participants sont prévenus.${refunded ? ` ${refunded} billet(s) remboursé(s).` : ""}${
        failed ? ` ${failed} remboursement(s) n'ont pas abouti : relancez l'annulation dans quelques minutes.` : ""
      }`;
    } else if (intent === "force") {
      await forceMeeting({ eventId: event.id, aId: String(value.aId), bId: String(value.bId) });
      message = "Rendez-vous ajouté : il sera placé au prochain calcul du planning.";
    } else {
      await removeMeetingRequest({ eventId: event.id, requestId: String(value.requestId) });
      message = "Rendez-vous retiré.";
    }
  } catch (error) {
    return refusedForm(submission, error, { extra: { intent: String(intent), formError: null } });
  }
  return redirectWithFlash(here, { type: "success", message });
}

export default function EventAdmin() {
  const { club, event, values, transitions, slots, participants, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  const settingsErrors = actionData?.intent === "settings" ? result?.error : undefined;
  const otherError = actionData && actionData.intent !== "settings" ? (actionData.formError ?? Object.values(result?.error ?? {}).flat().join(" ")) : null;
  const typed = actionData?.intent === "settings" ? (result?.initialValue as SettingsValues | undefined) : undefined;
  const approved = participants.filter((p) => p.status === "approved");
  const base = `/clubs/${club.slug}/rencontres/${event.slug}`;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}/rencontres`}>← Rencontres du club</Link>
      </p>
      <h1>{event.title}</h1>
      <p>
        {formatDate(event.date)} · {event.venue} · <Badge tone="info">{statusLabel[event.status]}</Badge>
      </p>
      <nav aria-label="Gestion de la rencontre">
        <ul>
          <li>
            <Link to={`${base}/planning`}>Planning des rendez-vous</Link>
          </li>
          <li>
            <Link to={`${base}/accueil`}>Accueil et émargement</Link>
          </li>
          <li>
            <Link to={`${base}/imprimer`}>Agendas à imprimer</Link>
          </li>
          {event.status !== "draft" ? (
            <li>
              <Link to={`/rencontres/${event.slug}`}>Page publique</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      <FormError message={otherError || null} />
      {event.status !== "done" ? (
        <details>
          <summary>{event.status === "cancelled" ? "Relancer les remboursements" : "Annuler la rencontre"}</summary>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel-event" />
            <p>Les participants sont prévenus par e-mail et les billets payés sont remboursés en totalité.</p>
            <div className="checkbox">
              <input type="checkbox" name="confirm" id="cancel-confirm" required />
              <label htmlFor="cancel-confirm">Je confirme l'annulation de cette rencontre</label>
            </div>
            <Button type="submit" variant="danger">
              {event.status === "cancelled" ? "Relancer les remboursements" : "Annuler la rencontre"}
            </Button>
          </Form>
        </details>
      ) : null}
      {transitions.length ? (
        <div className="actions">
          {transitions.map((t) => (
            <Form method="post" key={t}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="status" value={t} />
              <Button type="submit" variant={t === "open" || t === "scheduling" ? "primary" : "secondary"}>
                {statusAction[t]}
              </Button>
            </Form>
          ))}
        </div>
      ) : null}

      <Card title={`Créneaux (${slots.length})`}>
        {slots.length === 0 ? (
          <EmptyState title="Aucun créneau : vérifiez les horaires." />
        ) : (
          <ol>
            {slots.map((s) => (
              <li key={s.id}>
                {sessionLabel[s.session as "morning" | "afternoon"] ?? s.session} : {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
              </li>
            ))}
          </ol>
        )}
        <p className="muted">
          {event.tablesCount} tables · jusqu'à {slots.length * event.tablesCount} rendez-vous.
        </p>
      </Card>

      <Card title={`Inscriptions (${participants.length})`}>
        {participants.length === 0 ? (
          <EmptyState title="Aucune inscription pour l'instant." />
        ) : (
          <DataTable
            caption="Inscriptions"
            rows={participants}
            rowKey={(p) => p.id}
            columns={[
              { header: "Personne", cell: (p) => `${p.name} (${p.organisationName})` },
              { header: "Côté", cell: (p) => sideLabel[p.side] },
              { header: "Statut", cell: (p) => `${participantStatusLabel[p.status]}${p.waitlistPosition ? ` (n° ${p.waitlistPosition})` : ""}` },
              {
                header: "Décision",
                cell: (p) => (
                  <div className="actions">
                    {p.status === "pending" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="participantId" value={p.id} />
                        <Button type="submit" aria-label={`Valider ${p.name}`}>
                          Valider
                        </Button>
                      </Form>
                    ) : null}
                    {["pending", "approved", "waitlisted"].includes(p.status) ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="reject" />
                        <input type="hidden" name="participantId" value={p.id} />
                        <Button type="submit" variant="danger" aria-label={`Refuser ${p.name}`}>
                          Refuser
                        </Button>
                      </Form>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
        )}
      </Card>

      <Card title={`Demandes de rendez-vous (${requests.length})`}>
        {requests.length ? (
          <DataTable
            caption="Demandes de rendez-vous"
            rows={requests}
            rowKey={(r) => r.id}
            columns={[
              { header: "De", cell: (r) => r.fromName },
              { header: "À", cell: (r) => r.toName },
              { header: "Statut", cell: (r) => `${requestStatusLabel[r.status]}${r.mutual ? " (réciproque)" : ""}${r.forced ? " (ajouté par l'animateur)" : ""}` },
              {
                header: "Action",
                cell: (r) =>
                  r.status === "accepted" || r.status === "pending" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button type="submit" variant="secondary" aria-label={`Retirer le rendez-vous ${r.fromName} – ${r.toName}`}>
                        Retirer
                      </Button>
                    </Form>
                  ) : null,
              },
            ]}
          />
        ) : (
          <EmptyState title="Aucune demande pour l'instant." />
        )}
        {approved.length >= 2 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="force" />
            <h3>Ajouter un rendez-vous</h3>
            <div className="grid grid-2">
              <SelectField label="Premier participant" name="aId" id="force-a" options={approved.map((p) => ({ value: p.id, label: `${p.name} (${p.organisationName}, ${sideLabel[p.side]})` }))} />
              <SelectField label="Second participant" name="bId" id="force-b" options={approved.map((p) => ({ value: p.id, label: `${p.name} (${p.organisationName}, ${sideLabel[p.side]})` }))} />
            </div>
            <Button type="submit" variant="secondary">
              Ajouter le rendez-vous
            </Button>
          </Form>
        ) : null}
      </Card>

      <Card title="Réglages">
        <EventSettingsForm values={typed ?? values} errors={settingsErrors} submitLabel="Enregistrer les réglages" />
      </Card>
    </>
  );
}
