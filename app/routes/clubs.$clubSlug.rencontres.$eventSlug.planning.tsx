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
import { ScheduleGrid } from "~/components/events/ScheduleGrid";
import { meetingsOfEvent } from "~/modules/events/agenda.server";
import { slotsOf } from "~/modules/events/events.server";
import { participantsOfEvent } from "~/modules/events/registration.server";
import { requireClubEvent } from "~/modules/events/route-context.server";
import { latestRun, moveMeeting, precheckEvent, publishSchedule, runSchedule, setMeetingLock, swapMeetings } from "~/modules/events/scheduling.server";
import { LockSchema, MoveSchema, SwapSchema } from "~/modules/events/schemas";
import { statusLabel, tableLabels } from "~/modules/events/labels";
import { DomainError } from "~/lib/errors";
import { formatDateTime, formatTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Planning — ${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club, event } = await requireClubEvent(request, params);
  const [slots, rows, people, run, pre] = await Promise.all([slotsOf(event.id), meetingsOfEvent(event.id), participantsOfEvent(event.id), latestRun(event.id), precheckEvent(event.id)]);
  const names = Object.fromEntries(people.map((p) => [p.id, `${p.name} (${p.organisationName})`]));
  return {
    club,
    event: { slug: event.slug, title: event.title, status: event.status, publishedVersion: event.publishedVersion, tablesCount: event.tablesCount },
    slots: slots.map((s) => ({ id: s.id, position: s.position, startsAt: s.startsAt, endsAt: s.endsAt })),
    tables: tableLabels(event.tablesCount),
    meetings: rows,
    run: run ? { createdAt: run.createdAt, kind: run.kind, stats: run.stats as Record<string, number | string>, unscheduled: run.unscheduled } : null,
    precheck: pre.precheck,
    precheckIssues: pre.issues,
    names,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, event, user } = await requireClubEvent(request, params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/clubs/${club.slug}/rencontres/${event.slug}/planning`;
  if (intent === "run" || intent === "publish") {
    try {
      if (intent === "run") {
        const run = await runSchedule({ eventId: event.id, actorId: user.id });
        return redirectWithFlash(here, { type: "success", message: `Planning calculé : ${run.stats.scheduled} rendez-vous placés sur ${run.stats.requested}.` });
      }
      const { version, mails } = await publishSchedule({ eventId: event.id });
      return redirectWithFlash(here, { type: "success", message: `Planning publié (version ${version}) : ${mails} participants prévenus par e-mail.` });
    } catch (error) {
      if (error instanceof DomainError) return data({ result: undefined, formError: error.message }, { status: error.status });
      throw error;
    }
  }
  const schema = intent === "move" ? MoveSchema : intent === "swap" ? SwapSchema : intent === "lock" || intent === "unlock" ? LockSchema : null;
  if (!schema) return data({ result: undefined, formError: "Action inconnue." }, { status: 400 });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return invalidForm(submission, { formError: null });
  const v = submission.value as Record<string, string>;
  try {
    if (intent === "move") await moveMeeting({ eventId: event.id, meetingId: v.meetingId!, slotId: v.slotId!, tableLabel: v.tableLabel! });
    else if (intent === "swap") await swapMeetings({ eventId: event.id, meetingId: v.meetingId!, otherMeetingId: v.otherMeetingId! });
    else await setMeetingLock({ eventId: event.id, meetingId: v.meetingId!, locked: intent === "lock" });
  } catch (error) {
    return refusedForm(submission, error, { extra: { formError: null } });
  }
  const message = intent === "move" ? "Rendez-vous déplacé et verrouillé." : intent === "swap" ? "Rendez-vous échangés et verrouillés." : intent === "lock" ? "Rendez-vous verrouillé." : "Rendez-vous déverrouillé.";
  return redirectWithFlash(here, { type: "success", message });
}

export default function Planning() {
  const { club, event, slots, tables, meetings, run, precheck, precheckIssues, names } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData ? actionData.formError || Object.values(actionData.result?.error ?? {}).flat().join(" ") : null;
  const base = `/clubs/${club.slug}/rencontres/${event.slug}`;
  const label = (m: (typeof meetings)[number]) => `${formatTime(m.startsAt)} · table ${m.tableLabel} · ${m.aName} – ${m.bName}`;
  const nameOf = (id: string) => names[id] ?? id;
  return (
    <>
      <p>
        <Link to={base}>← {event.title}</Link>
      </p>
      <h1>Planning des rendez-vous</h1>
      <p>
        <Badge tone="info">{statusLabel[event.status]}</Badge> {event.publishedVersion ? `· publié (version ${event.publishedVersion})` : ""}
      </p>
      <FormError message={error || null} />
      <Card title="Avant le calcul">
        {precheckIssues.length ? <p className="pre-wrap">{precheckIssues.join("\n")}</p> : null}
        {precheck ? (
          <ul>
            <li>
              {precheck.requested} rendez-vous acceptés pour {precheck.capacity} places ({slots.length} créneaux × {event.tablesCount} tables).
            </li>
            {precheck.tableExcess > 0 ? <li>{precheck.tableExcess} rendez-vous de trop pour le nombre de tables.</li> : null}
            {precheck.overloaded.map((o) => (
              <li key={o.participant}>
                {nameOf(o.participant)} : {o.requested} rendez-vous pour {o.availableSlots} créneaux disponibles.
              </li>
            ))}
            {precheck.noCommonSlot.map((p) => (
              <li key={`${p.a}-${p.b}`}>
                Aucun créneau commun : {nameOf(p.a)} et {nameOf(p.b)}.
              </li>
            ))}
            <li>Au moins {precheck.minUnscheduled} rendez-vous ne pourront pas être placés.</li>
          </ul>
        ) : null}
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="run" />
            <Button type="submit">{meetings.length ? "Recalculer (les rendez-vous verrouillés restent)" : "Calculer le planning"}</Button>
          </Form>
          {meetings.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="publish" />
              <Button type="submit" variant="secondary">
                {event.publishedVersion ? "Publier la mise à jour" : "Publier le planning"}
              </Button>
            </Form>
          ) : null}
          {meetings.length ? (
            <>
              <a href={`${base}/planning.csv`} download>
                Exporter la grille (CSV)
              </a>
              <Link to={`${base}/imprimer`}>Agendas à imprimer</Link>
            </>
          ) : null}
        </div>
      </Card>

      {run ? (
        <Card title="Dernier calcul">
          <p>
            {formatDateTime(run.createdAt)} ({run.kind === "repair" ? "réappariement" : "calcul complet"}) : {String(run.stats.scheduled)} placés sur {String(run.stats.requested)} ·{" "}
            {String(run.stats.idle_slots)} créneaux d'attente · {String(run.stats.changes)} changements.
          </p>
          {run.unscheduled.length ? (
            <>
              <h3>Non placés</h3>
              <ul>
                {run.unscheduled.map((u) => (
                  <li key={`${u.a}-${u.b}`}>
                    {nameOf(u.a)} – {nameOf(u.b)} : {u.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
      ) : null}

      {meetings.length === 0 ? (
        <EmptyState title="Pas encore de planning." />
      ) : (
        <>
          <ScheduleGrid slots={slots} tables={tables} meetings={meetings} />
          <div className="grid grid-2">
            <Card title="Déplacer un rendez-vous">
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <SelectField label="Rendez-vous à déplacer" name="meetingId" id="move-meeting" options={meetings.map((m) => ({ value: m.id, label: label(m) }))} />
                <SelectField label="Nouveau créneau" name="slotId" id="move-slot" options={slots.map((s) => ({ value: s.id, label: `${formatTime(s.startsAt)} – ${formatTime(s.endsAt)}` }))} />
                <SelectField label="Nouvelle table" name="tableLabel" id="move-table" options={tables.map((t) => ({ value: t, label: `Table ${t}` }))} />
                <Button type="submit">Déplacer</Button>
              </Form>
            </Card>
            <Card title="Échanger deux rendez-vous">
              <Form method="post">
                <input type="hidden" name="intent" value="swap" />
                <SelectField label="Premier rendez-vous" name="meetingId" id="swap-a" options={meetings.map((m) => ({ value: m.id, label: label(m) }))} />
                <SelectField label="Second rendez-vous" name="otherMeetingId" id="swap-b" options={meetings.map((m) => ({ value: m.id, label: label(m) }))} />
                <Button type="submit">Échanger</Button>
              </Form>
            </Card>
          </div>
          <DataTable
            caption="Rendez-vous et verrous"
            rows={meetings}
            rowKey={(m) => m.id}
            columns={[
              { header: "Heure", cell: (m) => formatTime(m.startsAt) },
              { header: "Table", cell: (m) => m.tableLabel },
              { header: "Participants", cell: (m) => `${m.aName} (${m.aOrganisation}) – ${m.bName} (${m.bOrganisation})` },
              {
                header: "Verrou",
                cell: (m) => (
                  <Form method="post">
                    <input type="hidden" name="intent" value={m.locked ? "unlock" : "lock"} />
                    <input type="hidden" name="meetingId" value={m.id} />
                    <Button type="submit" variant="secondary" aria-label={`${m.locked ? "Déverrouiller" : "Verrouiller"} ${label(m)}`}>
                      {m.locked ? "Déverrouiller" : "Verrouiller"}
                    </Button>
                  </Form>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
