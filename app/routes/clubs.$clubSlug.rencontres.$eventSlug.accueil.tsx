import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { FormError, TextField } from "~/components/Field";
import { checkInList, repairAfterAbsences, setCheckIn } from "~/modules/events/checkin.server";
import { requireClubEvent } from "~/modules/events/route-context.server";
import { CheckInSchema } from "~/modules/events/schemas";
import { sideLabel } from "~/modules/events/labels";
import { DomainError } from "~/lib/errors";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Accueil — ${data?.event.title ?? "Rencontre"} — Proxima` }];

const checkInLabel = { unknown: "Non pointé", present: "Présent", absent: "Absent" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club, event } = await requireClubEvent(request, params);
  const q = new URL(request.url).searchParams.get("q")?.trim() ?? "";
  return { club, event: { slug: event.slug, title: event.title, status: event.status }, q, people: await checkInList(event.id, q || undefined) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, event, user } = await requireClubEvent(request, params);
  const formData = await request.formData();
  const url = new URL(request.url);
  const here = `/clubs/${club.slug}/rencontres/${event.slug}/accueil${url.search}`;
  if (formData.get("intent") === "repair") {
    try {
      const run = await repairAfterAbsences({ eventId: event.id, actorId: user.id });
      return redirectWithFlash(here, { type: "success", message: `Réappariement : ${run.added} rendez-vous ajoutés dans les places libérées.` });
    } catch (error) {
      if (error instanceof DomainError) return data({ result: undefined, formError: error.message }, { status: error.status });
      throw error;
    }
  }
  const submission = parseWithZod(formData, { schema: CheckInSchema });
  if (submission.status !== "success") return invalidForm(submission, { formError: null });
  let freed = 0;
  try {
    freed = (await setCheckIn({ eventId: event.id, ...submission.value, status: submission.value.checkedIn })).freed;
  } catch (error) {
    return refusedForm(submission, error, { extra: { formError: null } });
  }
  const message = submission.value.checkedIn === "absent" ? `Absence notée : ${freed} rendez-vous libérés.` : "Présence notée.";
  return redirectWithFlash(here, { type: "success", message });
}

export default function CheckInDesk() {
  const { club, event, q, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData ? actionData.formError || Object.values(actionData.result?.error ?? {}).flat().join(" ") : null;
  const absent = people.filter((p) => p.checkedIn === "absent").length;
  const present = people.filter((p) => p.checkedIn === "present").length;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}/rencontres/${event.slug}`}>← {event.title}</Link>
      </p>
      <h1>Accueil des participants</h1>
      <p>
        {present} présents · {absent} absents · {people.length} participants
      </p>
      <FormError message={error || null} />
      <Form method="get">
        <TextField label="Rechercher un participant" name="q" defaultValue={q} type="search" />
        <Button type="submit" variant="secondary">
          Rechercher
        </Button>
      </Form>
      <Card title="Réapparier après des absences">
        <p>Les participants présents dont l'interlocuteur est absent reçoivent un nouveau rendez-vous dans les créneaux libérés, sans toucher aux autres rendez-vous.</p>
        <Form method="post">
          <input type="hidden" name="intent" value="repair" />
          <Button type="submit">Réapparier les présents</Button>
        </Form>
      </Card>
      {people.length === 0 ? (
        <EmptyState title="Aucun participant trouvé." />
      ) : (
        <DataTable
          caption="Participants"
          rows={people}
          rowKey={(p) => p.id}
          columns={[
            { header: "Participant", cell: (p) => `${p.name} (${p.organisation})` },
            { header: "Côté", cell: (p) => sideLabel[p.side] },
            { header: "Rendez-vous", cell: (p) => p.meetings, numeric: true },
            { header: "Pointage", cell: (p) => <Badge tone={p.checkedIn === "present" ? "success" : p.checkedIn === "absent" ? "danger" : "neutral"}>{checkInLabel[p.checkedIn]}</Badge> },
            {
              header: "Marquer",
              cell: (p) => (
                <div className="actions">
                  {(["present", "absent"] as const).map((status) => (
                    <Form method="post" key={status}>
                      <input type="hidden" name="intent" value="checkin" />
                      <input type="hidden" name="participantId" value={p.id} />
                      <input type="hidden" name="checkedIn" value={status} />
                      <Button type="submit" variant={status === "present" ? "primary" : "secondary"} aria-label={`${status === "present" ? "Présent" : "Absent"} : ${p.name}`} disabled={p.checkedIn === status}>
                        {status === "present" ? "Présent" : "Absent"}
                      </Button>
                    </Form>
                  ))}
                </div>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
