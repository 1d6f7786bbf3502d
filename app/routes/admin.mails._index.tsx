import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { DataTable } from "~/components/DataTable";
import { EmptyState } from "~/components/EmptyState";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { listMails } from "~/modules/notifications/mailer.server";
import { formatDateTime } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction = () => [{ title: "Courriels — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const to = new URL(request.url).searchParams.get("a") ?? "";
  return { to, mails: await listMails({ to: to || undefined, limit: 200 }) };
}

const statusLabel = { pending: "en attente", sent: "envoyé", kept: "boîte d'envoi", failed: "échec" } as const;

export default function AdminMails() {
  const { to, mails } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Courriels</h1>
      <p className="muted">Sans serveur SMTP configuré (SMTP_URL), les courriels restent ici : c'est la boîte d'envoi de la démonstration.</p>
      <Form method="get" className="actions" role="search">
        <label htmlFor="a">Destinataire</label>
        <input id="a" name="a" type="search" defaultValue={to} />
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      {mails.length ? (
        <DataTable
          caption="Derniers courriels"
          rows={mails}
          rowKey={(m) => m.id}
          columns={[
            { header: "Date", cell: (m) => formatDateTime(m.createdAt) },
            { header: "Destinataire", cell: (m) => m.to },
            { header: "Objet", cell: (m) => <Link to={`/admin/mails/${m.id}`}>{m.subject}</Link> },
            { header: "État", cell: (m) => <Badge tone={m.status === "failed" ? "danger" : "neutral"}>{statusLabel[m.status]}</Badge> },
          ]}
        />
      ) : (
        <EmptyState title="Aucun courriel" />
      )}
    </>
  );
}
