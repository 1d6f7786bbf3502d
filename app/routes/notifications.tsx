import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { EmptyState } from "~/components/EmptyState";
import { FormError } from "~/components/Field";
import { requireUser } from "~/modules/accounts/guards.server";
import { listNotifications, markAllRead, markRead } from "~/modules/notifications/in-app.server";
import { invalidForm } from "~/lib/forms.server";
import { formatDateTime } from "~/lib/format";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction = () => [{ title: "Notifications — Proxima" }];

const NotificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.coerce.number({ message: "Notification inconnue." }).int().positive("Notification inconnue.") }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const items = await listNotifications(user.id);
  return { items, unread: items.filter((n) => n.readAt === null).length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationActionSchema });
  if (submission.status !== "success") return invalidForm(submission);
  if (submission.value.intent === "read-all") {
    const count = await markAllRead({ userId: user.id });
    return redirectWithFlash("/notifications", { type: "success", message: count ? "Toutes vos notifications sont marquées comme lues." : "Aucune notification non lue." });
  }
  // Another user's notification: nothing changes, and nothing says it exists.
  await markRead({ userId: user.id, id: submission.value.id });
  return redirectWithFlash("/notifications", { type: "success", message: "Notification marquée comme lue." });
}

export default function Notifications() {
  const { items, unread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error ? Object.values(actionData.result.error).flat().filter(Boolean).join(" ") : null;
  return (
    <>
      <h1>Notifications</h1>
      <FormError message={errors} />
      {items.length === 0 ? (
        <EmptyState title="Vous n'avez aucune notification pour le moment." />
      ) : (
        <>
          <div className="actions">
            <p>{unread === 0 ? "Tout est lu." : unread === 1 ? "1 notification non lue." : `${unread} notifications non lues.`}</p>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="read-all" />
                <Button type="submit" variant="secondary">
                  Tout marquer comme lu
                </Button>
              </Form>
            ) : null}
          </div>
          <ul className="notification-list">
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? "notification" : "notification notification-unread"}>
                <p>
                  {n.readAt ? null : (
                    <>
                      <Badge tone="info">Non lue</Badge>{" "}
                    </>
                  )}
                  <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>
                </p>
                {n.body ? <p>{n.body}</p> : null}
                <p className="muted">{formatDateTime(n.createdAt)}</p>
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <Button type="submit" variant="secondary" aria-label={`Marquer comme lue : ${n.title}`}>
                      Marquer comme lue
                    </Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
