import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { EmptyState } from "~/components/EmptyState";
import { FormError, SelectField, TextField } from "~/components/Field";
import { SuggestedMeetings } from "~/components/events/SuggestedMeetings";
import { requireParticipant } from "~/modules/events/route-context.server";
import { LinkNeedsSchema, WishAnswerSchema, WishSchema } from "~/modules/events/schemas";
import { linkNeeds, needsToLink, suggestedMeetings } from "~/modules/events/suggestions.server";
import { answerWish, catalogue, type CatalogueFilters, sendWish, withdrawWish } from "~/modules/events/wishes.server";
import { categoryLabel, listCategories } from "~/modules/suppliers/categories";
import { requestStatusLabel, sideLabel } from "~/modules/events/labels";
import { formatDateTime } from "~/lib/format";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.signedIn;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Participants — ${data?.event.title ?? "Rencontre"} — Proxima` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, participant } = await requireParticipant(request, params.eventSlug);
  const url = new URL(request.url);
  const side = url.searchParams.get("cote");
  const filters: CatalogueFilters = {
    side: side === "buyer" || side === "supplier" ? side : undefined,
    category: url.searchParams.get("categorie") || undefined,
    qpv: url.searchParams.get("qpv") === "1",
    q: url.searchParams.get("q")?.trim() || undefined,
  };
  const [people, suggestions, linkable] = await Promise.all([
    catalogue(event.id, participant.id, filters),
    suggestedMeetings({ eventId: event.id, viewer: participant }),
    needsToLink(participant),
  ]);
  const sent = people.filter((p) => p.sent && ["pending", "accepted"].includes(p.sent.status) && !p.sent.forced).length;
  return {
    event: { slug: event.slug, title: event.title, maxWishes: event.maxWishes, wishDeadline: event.wishDeadline },
    me: { id: participant.id, side: participant.side },
    filters,
    sent,
    suggestions,
    linkable,
    categories: listCategories().map((c) => ({ value: c.slug, label: c.label })),
    people: people.map((p) => ({ ...p, categoryLabels: (p.categories ?? []).map(categoryLabel) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { event, participant } = await requireParticipant(request, params.eventSlug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = `/rencontres/${event.slug}/participants${new URL(request.url).search}`;
  if (intent === "wish") {
    const submission = parseWithZod(formData, { schema: WishSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      const request = await sendWish({ eventId: event.id, fromParticipantId: participant.id, toParticipantId: submission.value.toParticipant, rank: submission.value.rank });
      return redirectWithFlash(back, { type: "success", message: request.mutual ? "Demande réciproque : le rendez-vous est accepté." : "Demande envoyée." });
    } catch (error) {
      return refusedForm(submission, error);
    }
  }
  if (intent === "link-needs") {
    const submission = parseWithZod(formData, { schema: LinkNeedsSchema });
    if (submission.status !== "success") return invalidForm(submission);
    try {
      await linkNeeds({ viewer: participant, needIds: submission.value.needs });
    } catch (error) {
      return refusedForm(submission, error);
    }
    return redirectWithFlash(back, { type: "success", message: "Besoins présentés enregistrés." });
  }
  const submission = parseWithZod(formData, { schema: WishAnswerSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const { intent: answer, requestId } = submission.value;
  try {
    if (answer === "withdraw") await withdrawWish({ eventId: event.id, requestId, participantId: participant.id });
    else await answerWish({ eventId: event.id, requestId, participantId: participant.id, accept: answer === "accept" });
  } catch (error) {
    return refusedForm(submission, error);
  }
  const message = answer === "accept" ? "Rendez-vous accepté." : answer === "decline" ? "Demande déclinée." : "Demande retirée.";
  return redirectWithFlash(back, { type: "success", message });
}

function RequestButton({ intent, requestId, label, variant = "secondary" }: { intent: string; requestId: string; label: string; variant?: "primary" | "secondary" | "danger" }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="requestId" value={requestId} />
      <Button type="submit" variant={variant}>
        {label}
      </Button>
    </Form>
  );
}

export default function Participants() {
  const { event, me, filters, sent, suggestions, linkable, categories, people } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData ? Object.values(actionData.result?.error ?? {}).flat().join(" ") : null;
  return (
    <>
      <p>
        <Link to={`/rencontres/${event.slug}`}>← {event.title}</Link> · <Link to={`/rencontres/${event.slug}/mes-rendez-vous`}>Mes rendez-vous</Link>
      </p>
      <h1>Participants</h1>
      <p>
        Demandez jusqu'à {event.maxWishes} rendez-vous ({sent} envoyés)
        {event.wishDeadline ? `, avant le ${formatDateTime(event.wishDeadline)}` : ""}. Une demande réciproque est acceptée d'emblée.
      </p>
      <FormError message={error || null} />
      <SuggestedMeetings basis={suggestions.basis} items={suggestions.items} side={me.side} linkable={linkable} />
      <h2>Tous les participants</h2>
      <Form method="get" className="no-print">
        <div className="grid grid-2">
          <TextField label="Recherche" name="q" defaultValue={filters.q ?? ""} />
          <SelectField
            label="Côté"
            name="cote"
            defaultValue={filters.side ?? ""}
            options={[
              { value: "", label: "Tous" },
              { value: "buyer", label: "Acheteurs" },
              { value: "supplier", label: "Fournisseurs" },
            ]}
          />
          <SelectField label="Catégorie" name="categorie" defaultValue={filters.category ?? ""} options={[{ value: "", label: "Toutes" }, ...categories]} />
        </div>
        <div className="checkbox">
          <input type="checkbox" name="qpv" value="1" id="f-qpv" defaultChecked={filters.qpv} />
          <label htmlFor="f-qpv">Entreprises implantées en QPV seulement</label>
        </div>
        <Button type="submit" variant="secondary">
          Filtrer
        </Button>
      </Form>
      {people.length === 0 ? <EmptyState title="Aucun participant ne correspond." /> : null}
      <div className="grid grid-2">
        {people.map((p) => {
          const canAsk = !(me.side === "buyer" && p.side === "buyer");
          return (
            <Card key={p.id} title={`${p.organisationName} — ${p.name}`} headingLevel={3}>
              <p>
                <Badge tone={p.side === "buyer" ? "info" : "neutral"}>{sideLabel[p.side]}</Badge>{" "}
                {p.qpvStatus === "verified" ? <Badge tone="success">QPV vérifié{p.qpvName ? ` : ${p.qpvName}` : ""}</Badge> : null}
                {p.qpvStatus === "declared" ? <Badge tone="warning">QPV déclaré{p.qpvName ? ` : ${p.qpvName}` : ""}</Badge> : null}
              </p>
              {p.categoryLabels.length ? <p className="muted">{p.categoryLabels.join(" · ")}</p> : null}
              {p.pitch ? <p className="pre-wrap">{p.pitch}</p> : p.description ? <p>{p.description.slice(0, 280)}</p> : null}
              {p.received?.status === "pending" ? (
                <div className="actions">
                  <span>Vous demande un rendez-vous.</span>
                  <RequestButton intent="accept" requestId={p.received.id} label="Accepter" variant="primary" />
                  <RequestButton intent="decline" requestId={p.received.id} label="Décliner" />
                </div>
              ) : p.received?.status === "accepted" ? (
                <p>
                  <Badge tone="success">Rendez-vous accepté</Badge>
                </p>
              ) : p.sent && p.sent.status !== "cancelled" ? (
                <div className="actions">
                  <Badge tone={p.sent.status === "accepted" ? "success" : p.sent.status === "pending" ? "warning" : "danger"}>
                    Votre demande : {requestStatusLabel[p.sent.status].toLowerCase()}
                  </Badge>
                  {p.sent.status === "pending" ? <RequestButton intent="withdraw" requestId={p.sent.id} label="Retirer" /> : null}
                </div>
              ) : canAsk ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="wish" />
                  <input type="hidden" name="toParticipant" value={p.id} />
                  <Button type="submit" aria-label={`Demander un rendez-vous à ${p.name} (${p.organisationName})`}>
                    Demander un rendez-vous
                  </Button>
                </Form>
              ) : null}
            </Card>
          );
        })}
      </div>
    </>
  );
}
