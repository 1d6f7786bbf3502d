import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { FormError } from "~/components/Field";
import { agendaOf } from "~/modules/events/agenda.server";
import { recordOutcome } from "~/modules/events/checkin.server";
import { requireParticipant } from "~/modules/events/route-context.server";
import { OutcomeSchema, WishAnswerSchema } from "~/modules/events/schemas";
import { answerWish, wishesOf, withdrawWish } from "~/modules/events/wishes.server";
import { meetingStatusLabel, requestStatusLabel } from "~/modules/events/labels";
import { formatDate, formatTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Mes rendez-vous — ${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, participant } = await requireParticipant(request, params.eventSlug);
  const published = event.status === "published" || event.status === "done";
  const now = new Date();
  const agenda = published ? await agendaOf(event.id, participant.id) : [];
  return {
    event: { slug: event.slug, title: event.title, date: event.date, venue: event.venue },
    published,
    wishes: await wishesOf(event.id, participant.id),
    agenda: agenda.map((m) => ({ ...m, started: m.startsAt <= now })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event, participant } = await requireParticipant(request, params.eventSlug);
  const formData = await request.formData();
  const here = `/rencontres/${event.slug}/mes-rendez-vous`;
  if (formData.get("intent") === "outcome") {
    const submission = parseWithZod(formData, { schema: OutcomeSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      await recordOutcome({ eventId: event.id, meetingId: submission.value.meetingId, participantId: participant.id, held: submission.value.held, actorId: user.id });
    } catch (error) {
      return refusedForm(submission, error);
    }
    return redirectWithFlash(here, { type: "success", message: "Merci, c'est noté." });
  }
  const submission = parseWithZod(formData, { schema: WishAnswerSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const { intent, requestId } = submission.value;
  try {
    if (intent === "withdraw") await withdrawWish({ eventId: event.id, requestId, participantId: participant.id });
    else await answerWish({ eventId: event.id, requestId, participantId: participant.id, accept: intent === "accept" });
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(here, { type: "success", message: intent === "accept" ? "Rendez-vous accepté." : intent === "decline" ? "Demande déclinée." : "Demande retirée." });
}

function SmallForm({ fields, label, variant = "secondary", ariaLabel }: { fields: Record<string, string>; label: string; variant?: "primary" | "secondary" | "danger"; ariaLabel?: string }) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant={variant} aria-label={ariaLabel}>
        {label}
      </Button>
    </Form>
  );
}

export default function MyMeetings() {
  const { event, published, wishes, agenda } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData ? Object.values(actionData.result?.error ?? {}).flat().join(" ") : null;
  return (
    <>
      <p>
        <Link to={`/rencontres/${event.slug}`}>← {event.title}</Link> · <Link to={`/rencontres/${event.slug}/participants`}>Participants</Link>
      </p>
      <h1>Mes rendez-vous</h1>
      <p>
        {formatDate(event.date)} · {event.venue}
      </p>
      <FormError message={error || null} />
      <Card title="Mon planning">
        {!published ? (
          <p>Le planning n'est pas encore publié. Vous recevrez un e-mail dès qu'il le sera.</p>
        ) : agenda.length === 0 ? (
          <EmptyState title="Aucun rendez-vous n'a pu être placé pour vous." />
        ) : (
          <>
            <p className="actions no-print">
              <a href={`/rencontres/${event.slug}/agenda.ics`} download>
                Ajouter à mon agenda (.ics)
              </a>
              <Link to={`/rencontres/${event.slug}/agenda/imprimer`}>Version imprimable</Link>
            </p>
            <DataTable
              caption="Mes rendez-vous"
              rows={agenda}
              rowKey={(m) => m.id}
              columns={[
                { header: "Heure", cell: (m) => `${formatTime(m.startsAt)} – ${formatTime(m.endsAt)}` },
                { header: "Table", cell: (m) => m.tableLabel },
                { header: "Avec", cell: (m) => `${m.counterpartName} (${m.counterpartOrganisation})` },
                { header: "Statut", cell: (m) => meetingStatusLabel[m.status] },
                {
                  header: "Après le rendez-vous",
                  cell: (m) =>
                    !m.started ? (
                      <span className="muted">À venir</span>
                    ) : m.myOutcome !== null ? (
                      <Badge tone={m.myOutcome ? "success" : "warning"}>{m.myOutcome ? "A eu lieu" : "Absent"}</Badge>
                    ) : (
                      <div className="actions">
                        <SmallForm fields={{ intent: "outcome", meetingId: m.id, held: "yes" }} label="A eu lieu" variant="primary" ariaLabel={`Le rendez-vous avec ${m.counterpartName} a eu lieu`} />
                        <SmallForm fields={{ intent: "outcome", meetingId: m.id, held: "no" }} label="Absent" ariaLabel={`${m.counterpartName} était absent`} />
                      </div>
                    ),
                },
              ]}
            />
          </>
        )}
      </Card>
      <div className="grid grid-2">
        <Card title={`Demandes reçues (${wishes.received.length})`}>
          {wishes.received.length === 0 ? <EmptyState title="Aucune demande reçue." /> : null}
          <ul>
            {wishes.received.map((r) => (
              <li key={r.id}>
                {r.otherName} ({r.otherOrganisation}) — {requestStatusLabel[r.status]}
                {r.mutual ? " (réciproque)" : ""}
                {r.status === "pending" ? (
                  <div className="actions">
                    <SmallForm fields={{ intent: "accept", requestId: r.id }} label="Accepter" variant="primary" ariaLabel={`Accepter la demande de ${r.otherName}`} />
                    <SmallForm fields={{ intent: "decline", requestId: r.id }} label="Décliner" ariaLabel={`Décliner la demande de ${r.otherName}`} />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={`Demandes envoyées (${wishes.sent.length})`}>
          {wishes.sent.length === 0 ? <EmptyState title="Aucune demande envoyée." /> : null}
          <ol>
            {wishes.sent.map((r) => (
              <li key={r.id}>
                {r.otherName} ({r.otherOrganisation}) — {requestStatusLabel[r.status]}
                {r.mutual ? " (réciproque)" : ""}
                {r.status === "pending" ? <SmallForm fields={{ intent: "withdraw", requestId: r.id }} label="Retirer" ariaLabel={`Retirer la demande à ${r.otherName}`} /> : null}
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
