import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { TextField } from "~/components/Field";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { createFollowUpSession, listFollowUpSessions } from "~/modules/opportunities/follow-up.server";
import { FollowUpSessionSchema } from "~/modules/opportunities/schemas";
import { formatDate, formatDateTime } from "~/lib/format";
import { invalidForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Séances de suivi — Proxima" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  return { club, sessions: await listFollowUpSessions(club.id), defaultTitle: `Séance du ${formatDate(new Date())}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const submission = parseWithZod(await request.formData(), { schema: FollowUpSessionSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const session = await createFollowUpSession({ clubId: club.id, actorId: user.id, title: submission.value.title });
  return redirectWithFlash(`/clubs/${club.slug}/suivi/${session.id}`, { type: "success", message: "Séance ouverte." });
}

export default function FollowUpSessions() {
  const { club, sessions, defaultTitle } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link> · <Link to={`/clubs/${club.slug}/opportunites`}>Toutes les opportunités du club</Link>
      </p>
      <h1>Suivi régulier du club</h1>
      <p>Une séance liste, pour chaque participant, ses opportunités en cours et ce qui a changé depuis la séance précédente ; vous y notez les nouvelles de chacun.</p>
      <Card title="Ouvrir une séance">
        <Form method="post" noValidate>
          <TextField label="Titre de la séance" name="title" defaultValue={defaultTitle} errors={actionData?.result?.error?.title ?? undefined} />
          <Button type="submit">Ouvrir la séance</Button>
        </Form>
      </Card>
      <h2>Séances</h2>
      {sessions.length === 0 ? (
        <EmptyState title="Aucune séance pour le moment." />
      ) : (
        <ul>
          {sessions.map((s) => (
            <li key={s.id}>
              <Link to={`/clubs/${club.slug}/suivi/${s.id}`}>{s.title}</Link> <span className="muted">— {formatDateTime(s.heldAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
