import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { EventSettingsForm, type SettingsValues } from "~/components/events/EventSettingsForm";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { createEvent, eventsOfClub, parisToday } from "~/modules/events/events.server";
import { EventSettingsSchema } from "~/modules/events/schemas";
import { statusLabel } from "~/modules/events/labels";
import { formatDate } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Rencontres du club — Proxima" }];

function defaults(now: Date): SettingsValues {
  const date = parisToday(new Date(now.getTime() + 21 * 86_400_000));
  return {
    date,
    morningStart: "09:00",
    morningEnd: "12:30",
    meetingMinutes: "15",
    gapMinutes: "5",
    tablesCount: "10",
    tableMode: "auto",
    capacityBuyers: "20",
    capacitySuppliers: "40",
    maxWishes: "8",
    approvalMode: "auto",
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  return { club, events: await eventsOfClub(club.id), defaults: defaults(new Date()) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const submission = parseWithZod(await request.formData(), { schema: EventSettingsSchema });
  if (submission.status !== "success") return invalidForm(submission);
  let slug: string;
  try {
    slug = (await createEvent({ clubId: club.id, actorId: user.id, settings: submission.value })).slug;
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithFlash(`/clubs/${club.slug}/rencontres/${slug}`, { type: "success", message: "Rencontre créée (brouillon). Vérifiez les créneaux puis ouvrez les inscriptions." });
}

export default function ClubEvents() {
  const { club, events, defaults: initial } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const values = (result?.initialValue as SettingsValues | undefined) ?? initial;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Rencontres Business de Proximité</h1>
      {events.length === 0 ? (
        <EmptyState title="Aucune rencontre pour l'instant." />
      ) : (
        <DataTable
          caption="Rencontres du club"
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            { header: "Rencontre", cell: (e) => <Link to={`/clubs/${club.slug}/rencontres/${e.slug}`}>{e.title}</Link> },
            { header: "Date", cell: (e) => formatDate(e.date) },
            { header: "Statut", cell: (e) => <Badge tone={e.status === "open" ? "success" : e.status === "draft" ? "neutral" : "info"}>{statusLabel[e.status]}</Badge> },
            { header: "Acheteurs", cell: (e) => e.buyers, numeric: true },
            { header: "Fournisseurs", cell: (e) => e.suppliers, numeric: true },
          ]}
        />
      )}
      <Card title="Créer une rencontre">
        <EventSettingsForm values={values} errors={result?.error} submitLabel="Créer la rencontre" />
      </Card>
    </>
  );
}
