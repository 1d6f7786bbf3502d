import type { ActionFunctionArgs, LoaderFunctionArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Badge } from "~/components/Badge";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { env } from "~/env.server";
import { forbidden, notFound, requireUser } from "~/modules/accounts/guards.server";
import type { SessionUser } from "~/modules/accounts/session.server";
import { billingEnabled } from "~/modules/billing/config.server";
import { formatCents, membershipStateLabel, membershipStateTone } from "~/modules/billing/labels";
import { buyerMembershipOverview, checkoutSessionStatus, membershipPortalLink, startMembershipCheckout } from "~/modules/billing/memberships.server";
import { StartMembershipSchema } from "~/modules/billing/schemas";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

/** Signed-in, then scoped: members of this buyer organisation see it; its owner pays. */
export const policy = policies.signedIn;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const tags: MetaDescriptor[] = [{ title: `Adhésion — ${data?.organisation.name ?? ""} — Proxima` }];
  // Waiting for Stripe's webhook: the page reloads itself, without JavaScript.
  if (data?.returning?.kind === "confirming") tags.push({ httpEquiv: "refresh", content: "5" });
  return tags;
};

function buyerOrganisation(user: SessionUser, slug: string | undefined) {
  const organisation = user.memberships.find((m) => m.slug === slug);
  if (!organisation) throw forbidden("Vous n'êtes pas membre de cette organisation.");
  if (organisation.kind !== "buyer") throw notFound("L'adhésion aux clubs concerne les entreprises acheteuses.");
  return organisation;
}

type Returning = { kind: "cancelled" | "confirming" | "confirmed"; clubId: string } | null;

async function returningFromCheckout(url: URL, buyerOrgId: string, clubs: { clubId: string; clubSlug: string; satisfied: boolean }[]): Promise<Returning> {
  const club = clubs.find((c) => c.clubSlug === url.searchParams.get("club"));
  const statut = url.searchParams.get("statut");
  if (!club || (statut !== "succes" && statut !== "annule")) return null;
  if (statut === "annule") return { kind: "cancelled", clubId: club.clubId };
  const sessionId = url.searchParams.get("session");
  const payment = sessionId ? await checkoutSessionStatus({ sessionId, buyerOrgId }) : null;
  return { kind: payment?.status === "paid" || club.satisfied ? "confirmed" : "confirming", clubId: club.clubId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const organisation = buyerOrganisation(user, params.orgSlug);
  const isOwner = organisation.role === "owner";
  if (!billingEnabled()) return { organisation, enabled: false as const, isOwner, clubs: [], returning: null };
  const clubs = await buyerMembershipOverview(organisation.organisationId);
  const returning = await returningFromCheckout(new URL(request.url), organisation.organisationId, clubs);
  return { organisation, enabled: true as const, isOwner, clubs, returning };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisation = buyerOrganisation(user, params.orgSlug);
  const page = `/organisations/${organisation.slug}/adhesion`;
  const { submission } = await parseForm(request, StartMembershipSchema);
  if (submission.status !== "success") return redirectWithFlash(page, { type: "error", message: "Choisissez un club." }, { status: 303 });
  const clubs = await buyerMembershipOverview(organisation.organisationId);
  const club = clubs.find((c) => c.clubId === submission.value.clubId);
  if (!club) return redirectWithFlash(page, { type: "error", message: "Ce club ne propose pas d'adhésion." }, { status: 303 });
  const base = new URL(page, env().APP_URL).toString();
  try {
    if (new URL(request.url).searchParams.get("intent") === "portail") {
      return redirect(await membershipPortalLink({ clubId: club.clubId, buyerOrgId: organisation.organisationId, userId: user.id, returnUrl: base }));
    }
    const checkout = await startMembershipCheckout({
      clubId: club.clubId,
      buyerOrgId: organisation.organisationId,
      user,
      // Stripe replaces {CHECKOUT_SESSION_ID} itself: it must stay unencoded.
      successUrl: `${base}?statut=succes&club=${encodeURIComponent(club.clubSlug)}&session={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${base}?statut=annule&club=${encodeURIComponent(club.clubSlug)}`,
    });
    return redirect(checkout.url, 303);
  } catch (error) {
    if (error instanceof DomainError) return redirectWithFlash(page, { type: "error", message: error.message }, { status: 303 });
    throw error;
  }
}

type ClubMembership = Awaited<ReturnType<typeof buyerMembershipOverview>>[number];

function PayButton({ club, label }: { club: { clubId: string }; label: string }) {
  return (
    <Form method="post" className="actions">
      <input type="hidden" name="clubId" value={club.clubId} />
      <Button type="submit">{label}</Button>
    </Form>
  );
}

function ReturnBanner({ returning, club }: { returning: NonNullable<Returning>; club: { clubId: string; activeUntil: string | Date | null } }) {
  if (returning.kind === "cancelled") {
    return (
      <div className="alert alert-info" role="status">
        <p>Paiement annulé : aucun montant n'a été prélevé. Vous pouvez réessayer quand vous le souhaitez.</p>
        <PayButton club={club} label="Réessayer le paiement" />
      </div>
    );
  }
  if (returning.kind === "confirming") {
    return (
      <div className="alert alert-info" role="status">
        Paiement en cours de confirmation. Cette page se met à jour dès que Stripe nous l'a confirmé (en général quelques secondes). <Link to=".">Actualiser</Link>
      </div>
    );
  }
  return (
    <div className="alert alert-success" role="status">
      Paiement confirmé : votre adhésion est active{club.activeUntil ? ` jusqu'au ${formatDate(club.activeUntil)}` : ""}. Merci !
    </div>
  );
}

function untilText(club: Pick<ClubMembership, "state" | "activeUntil" | "cancelAtPeriodEnd">) {
  if (club.state === "free") return "Offerte par le club.";
  if (club.state === "active" && club.cancelAtPeriodEnd) return `Renouvellement arrêté : active jusqu'au ${formatDate(club.activeUntil)}.`;
  if (club.state === "active") return `Active jusqu'au ${formatDate(club.activeUntil)}, renouvelée chaque année.`;
  if (club.state === "past_due") return "Le dernier prélèvement a échoué : mettez à jour votre moyen de paiement.";
  if (club.state === "expired" || club.state === "cancelled") return club.activeUntil ? `Terminée depuis le ${formatDate(club.activeUntil)}.` : "Terminée.";
  return null;
}

function ClubCard({ club, isOwner, returning }: { club: ClubMembership; isOwner: boolean; returning: Returning }) {
  const needs = [club.requiredForNeeds ? "publier des besoins" : null, club.requiredForEvents ? "s'inscrire aux événements" : null].filter(Boolean);
  const canPay = club.priceCents !== null && (["none", "expired", "cancelled"].includes(club.state) || (club.state === "active" && club.cancelAtPeriodEnd));
  return (
    <Card title={club.clubName} actions={<Badge tone={membershipStateTone[club.state]}>{membershipStateLabel[club.state]}</Badge>}>
      {returning?.clubId === club.clubId ? <ReturnBanner returning={returning} club={club} /> : null}
      <p>{untilText(club)}</p>
      {club.grantNote ? <p className="muted">{club.grantNote}</p> : null}
      {club.priceCents !== null ? <p>Adhésion annuelle : {formatCents(club.priceCents)} par an.</p> : null}
      <p>{needs.length ? `Nécessaire pour ${needs.join(" et ")}. La recherche dans l'annuaire reste ouverte à tous.` : "Facultative : rien n'est bloqué sans adhésion."}</p>
      {isOwner ? (
        <div className="actions">
          {canPay && returning?.kind !== "cancelled" ? <PayButton club={club} label={`Payer l'adhésion (${formatCents(club.priceCents)} par an)`} /> : null}
          {club.hasStripeCustomer ? (
            <Form method="post" action="?intent=portail">
              <input type="hidden" name="clubId" value={club.clubId} />
              <Button type="submit" variant="secondary">
                Factures et moyen de paiement
              </Button>
            </Form>
          ) : null}
        </div>
      ) : canPay ? (
        <p className="muted">Seule la personne responsable de votre entreprise peut régler l'adhésion.</p>
      ) : null}
    </Card>
  );
}

export default function Membership() {
  const { organisation, enabled, isOwner, clubs, returning } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Adhésion aux clubs — {organisation.name}</h1>
      {!enabled ? (
        <div className="alert alert-info" role="status">
          La plateforme est gratuite : aucune adhésion n'est à payer, et tout vous est ouvert.
        </div>
      ) : clubs.length ? (
        <>
          <p>Ce que votre entreprise a publié reste toujours visible, même si une adhésion prend fin.</p>
          <div className="grid grid-2">
            {clubs.map((club) => (
              <ClubCard key={club.clubId} club={club} isOwner={isOwner} returning={returning} />
            ))}
          </div>
        </>
      ) : (
        <p>Aucun club ne demande d'adhésion pour l'instant : tout vous est ouvert.</p>
      )}
    </>
  );
}
