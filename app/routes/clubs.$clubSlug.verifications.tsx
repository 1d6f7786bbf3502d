import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { FormError, TextField } from "~/components/Field";
import { Tabs } from "~/components/Tabs";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { QpvDecisionSchema } from "~/modules/suppliers/schemas";
import { decideQpv, qpvDeclarationsForClub } from "~/modules/suppliers/verification.server";
import { formatDate } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;
export const meta: MetaFunction = () => [{ title: "Vérifications QPV — Proxima" }];

const statuses = ["declared", "verified", "rejected"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const wanted = new URL(request.url).searchParams.get("statut");
  const status = statuses.find((s) => s === wanted) ?? "declared";
  return { club, status, declarations: await qpvDeclarationsForClub(club.id, status) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { club, user } = await requireClubAnimator(request, params.clubSlug);
  const submission = parseWithZod(await request.formData(), { schema: QpvDecisionSchema });
  if (submission.status !== "success") return invalidForm(submission);
  try {
    await decideQpv({ clubId: club.id, actorId: user.id, ...submission.value });
  } catch (error) {
    return refusedForm(submission, error);
  }
  const message = submission.value.decision === "verified" ? "Implantation en QPV vérifiée." : "Déclaration refusée ; l'entreprise est prévenue.";
  return redirectWithFlash(`/clubs/${club.slug}/verifications`, { type: "success", message });
}

const polygonText = { inside: "Adresse dans le périmètre du QPV", outside: "Adresse hors du périmètre du QPV", unknown: "Périmètre non vérifiable" } as const;

export default function QpvVerifications() {
  const { club, status, declarations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.result?.error;
  return (
    <>
      <p>
        <Link to={`/clubs/${club.slug}`}>← {club.name}</Link>
      </p>
      <h1>Vérification des implantations en QPV</h1>
      <Tabs
        label="Statut des déclarations"
        tabs={[
          { to: "?statut=declared", label: "À vérifier", active: status === "declared" },
          { to: "?statut=verified", label: "Vérifiées", active: status === "verified" },
          { to: "?statut=rejected", label: "Refusées", active: status === "rejected" },
        ]}
      />
      <FormError message={[...(errors?.[""] ?? []), ...(errors?.note ?? []), ...(errors?.supplierId ?? [])].join(" ") || null} />
      {declarations.length === 0 ? <EmptyState title="Aucune déclaration dans cet état." /> : null}
      {declarations.map((d) => (
        <Card key={d.id} title={d.name} headingLevel={2}>
          <p>
            SIRET {d.siret} · {d.address ?? "adresse non renseignée"} · déclaré dans <strong>{d.qpvName}</strong> ({d.qpvCode})
          </p>
          <p>
            <Badge tone={d.polygonCheck === "inside" ? "success" : d.polygonCheck === "outside" ? "danger" : "neutral"}>{polygonText[d.polygonCheck]}</Badge>{" "}
            {!d.polygonKnown ? <span className="muted">(périmètre du QPV non chargé)</span> : null}
          </p>
          {d.checkedAt ? (
            <p className="muted">
              Décision du {formatDate(d.checkedAt)}
              {d.note ? ` : ${d.note}` : ""}
            </p>
          ) : null}
          {status === "declared" ? (
            <div className="grid grid-2">
              <Form method="post">
                <input type="hidden" name="supplierId" value={d.id} />
                <input type="hidden" name="decision" value="verified" />
                <TextField label="Note (facultative)" name="note" id={`note-ok-${d.id}`} />
                <Button type="submit">Vérifier l'implantation</Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="supplierId" value={d.id} />
                <input type="hidden" name="decision" value="rejected" />
                <TextField label="Motif du refus" name="note" id={`note-ko-${d.id}`} />
                <Button type="submit" variant="danger">
                  Refuser
                </Button>
              </Form>
            </div>
          ) : null}
        </Card>
      ))}
    </>
  );
}
