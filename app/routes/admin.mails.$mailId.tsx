import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireAdmin } from "~/modules/accounts/guards.server";
import { getMail } from "~/modules/notifications/mailer.server";
import { formatDateTime } from "~/lib/format";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.mail.subject ?? "Courriel"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = Number(params.mailId);
  const mail = Number.isInteger(id) ? await getMail(id) : undefined;
  if (!mail) throw notFound("Ce courriel n'existe pas.");
  return { mail };
}

/** Links in the text become clickable, so a demo can follow a verification link from here. */
function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) => (/^https?:\/\//.test(part) ? <a key={i} href={part}>{part}</a> : part));
}

export default function AdminMail() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/admin/mails">← Tous les courriels</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl>
        <dt>Destinataire</dt>
        <dd>{mail.to}</dd>
        <dt>Date</dt>
        <dd>{formatDateTime(mail.createdAt)}</dd>
      </dl>
      <div className="card pre-wrap" data-testid="mail-body">
        {linkify(mail.text)}
      </div>
    </>
  );
}
