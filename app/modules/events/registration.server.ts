import { and, asc, eq, inArray, max, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, eventSlots, events, meetingRequests, meetings, memberships, organisations, users } from "../../../db/schema";
import { membershipRequirement } from "../billing/memberships.server";
import { eventTicketPrice } from "../billing/prices.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { participantStatusLabel, sideLabel } from "./labels";
import { lockEvent, registrationState, type EventRow } from "./events.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";

export type Side = "buyer" | "supplier";
export type ParticipantRow = typeof eventParticipants.$inferSelect;
export type ParticipantStatus = ParticipantRow["status"];

export { participantStatusLabel, sideLabel };

/** Statuses that hold a place on their side. */
const holdsPlace: ParticipantStatus[] = ["approved", "pending"];

function eventUrl(event: Pick<EventRow, "slug">, path = ""): string {
  return new URL(`/rencontres/${event.slug}${path}`, env().APP_URL).toString();
}

async function placesTaken(tx: Executor, eventId: string, side: Side): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.side, side), inArray(eventParticipants.status, holdsPlace)));
  return row!.n;
}

function capacityOf(event: EventRow, side: Side): number {
  return side === "buyer" ? event.capacityBuyers : event.capacitySuppliers;
}

async function mailParticipant(tx: Executor, userId: string, kind: string, content: { subject: string; paragraphs: string[]; action?: { label: string; url: string } }) {
  const [user] = await tx.select({ email: users.email, name: users.displayName }).from(users).where(eq(users.id, userId));
  if (!user) return;
  await queueMail(tx, { to: user.email, kind, ...renderMail({ greeting: `Bonjour ${user.name},`, ...content }) });
}

/** Availability from the form: a session preference gives that session's slots; ticked slots otherwise; null = all. */
async function resolveAvailability(tx: Executor, eventId: string, input: { sessionPreference: "all" | "morning" | "afternoon"; slots?: string[] | null }) {
  const slots = await tx.select({ id: eventSlots.id, session: eventSlots.session }).from(eventSlots).where(eq(eventSlots.eventId, eventId));
  if (input.slots) {
    const known = new Set(slots.map((s) => s.id));
    const chosen = input.slots.filter((id) => known.has(id));
    if (chosen.length === 0) throw new DomainError("invalid", "Cochez au moins un créneau où vous êtes disponible.", { field: "slots" });
    return chosen.length === slots.length ? null : chosen;
  }
  if (input.sessionPreference === "all") return null;
  const inSession = slots.filter((s) => s.session === input.sessionPreference).map((s) => s.id);
  if (inSession.length === 0) throw new DomainError("invalid", "Cette rencontre n'a pas de créneau sur cette demi-journée.", { field: "sessionPreference" });
  return inSession;
}

export type RegisterInput = {
  eventId: string;
  userId: string;
  organisationId: string;
  pitch?: string;
  sessionPreference?: "all" | "morning" | "afternoon";
  /** Ticked slots; null/undefined = derived from the session preference. */
  slots?: string[] | null;
  now?: Date;
};

/** Where a new (or newly paid) registration goes: a place, or the end of the waiting list. */
async function placement(tx: Executor, event: EventRow, side: Side): Promise<{ status: ParticipantStatus; waitlistPosition: number | null }> {
  const full = (await placesTaken(tx, event.id, side)) >= capacityOf(event, side);
  if (!full) return { status: event.approvalMode === "auto" ? "approved" : "pending", waitlistPosition: null };
  const [last] = await tx
    .select({ pos: max(eventParticipants.waitlistPosition) })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.side, side), eq(eventParticipants.status, "waitlisted")));
  return { status: "waitlisted", waitlistPosition: (last?.pos ?? 0) + 1 };
}

async function mailRegistered(tx: Executor, event: EventRow, participant: Pick<ParticipantRow, "userId" | "status" | "waitlistPosition">, paid = false) {
  const what =
    participant.status === "approved"
      ? "Votre inscription est validée. Vous pouvez maintenant demander des rendez-vous aux autres participants."
      : participant.status === "pending"
        ? "Votre inscription est enregistrée ; l'animateur du club la validera bientôt."
        : `La rencontre est complète de votre côté : vous êtes en position ${participant.waitlistPosition} sur la liste d'attente. Nous vous écrirons si une place se libère.`;
  await mailParticipant(tx, participant.userId, "event.registered", {
    subject: `Inscription : ${event.title}`,
    paragraphs: [`Rencontre du ${formatDate(event.date)} (${event.venue}).`, ...(paid ? ["Votre billet est payé."] : []), what],
    action: { label: "Voir la rencontre", url: eventUrl(event) },
  });
}

/** A buyer organisation may have to be a member of the club (its choice, only with Stripe on). */
async function assertMembership(input: RegisterInput, now: Date): Promise<void> {
  const [row] = await db
    .select({ clubId: events.clubId, kind: organisations.kind })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, input.organisationId))
    .where(eq(events.id, input.eventId));
  if (row?.kind !== "buyer") return;
  const requirement = await membershipRequirement({ clubId: row.clubId, buyerOrgId: input.organisationId, purpose: "events", now });
  if (!requirement.satisfied) throw new DomainError("forbidden", requirement.message ?? "L'adhésion au club est exigée pour vous inscrire.");
}

/**
 * Registers a person for an organisation they belong to. The side comes from the organisation's
 * kind; a full side puts the person on the waiting list, in order. A buyer of an event with a
 * ticket price (only when Stripe is configured) is registered "awaiting payment": no place is
 * held until the payment webhook confirms it (confirmPaidRegistration).
 */
export async function registerParticipant(input: RegisterInput): Promise<ParticipantRow> {
  const now = input.now ?? new Date();
  // Read outside the transaction (it uses its own connection): a check, not a write.
  await assertMembership(input, now);
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const state = registrationState(event, now);
    if (!state.open) throw new DomainError("conflict", state.reason!);
    const [org] = await tx
      .select({ kind: organisations.kind })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(eq(memberships.userId, input.userId), eq(memberships.organisationId, input.organisationId)));
    if (!org) throw new DomainError("forbidden", "Vous n'êtes pas membre de cette organisation.");
    if (org.kind === "club") throw new DomainError("forbidden", "Les rencontres réunissent des entreprises acheteuses et des fournisseurs.");
    const side: Side = org.kind;
    const [existing] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.userId, input.userId)));
    if (existing && existing.status !== "cancelled") {
      throw new DomainError(
        "conflict",
        existing.status === "rejected"
          ? "Votre inscription a été refusée par l'animateur."
          : existing.status === "awaiting_payment"
            ? "Votre inscription attend le paiement du billet."
            : "Vous êtes déjà inscrit à cette rencontre.",
      );
    }
    const availability = await resolveAvailability(tx, event.id, { sessionPreference: input.sessionPreference ?? "all", slots: input.slots });
    const price = side === "buyer" ? await eventTicketPrice(event.id, tx) : null;
    const placed = price ? { status: "awaiting_payment" as const, waitlistPosition: null } : await placement(tx, event, side);
    const values = {
      eventId: event.id,
      organisationId: input.organisationId,
      userId: input.userId,
      side,
      status: placed.status,
      waitlistPosition: placed.waitlistPosition,
      availability,
      sessionPreference: input.sessionPreference && input.sessionPreference !== "all" ? input.sessionPreference : null,
      pitch: input.pitch ?? "",
      checkedIn: "unknown" as const,
      wishNudgedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const [participant] = existing
      ? await tx.update(eventParticipants).set(values).where(eq(eventParticipants.id, existing.id)).returning()
      : await tx.insert(eventParticipants).values(values).returning();
    // Awaiting payment: the mail goes when the payment is confirmed.
    if (!price) await mailRegistered(tx, event, participant!);
    return participant!;
  });
}

/**
 * The ticket of a registration awaiting payment is paid: the registration now takes a place (or
 * joins the waiting list) by the same rules as a free one. Runs in the webhook's transaction, so
 * the registration is confirmed exactly when the payment is; a replay finds it confirmed already.
 */
export async function confirmPaidRegistration(tx: Executor, input: { eventId: string; participantId: string }): Promise<ParticipantRow | null> {
  const event = await lockEvent(tx, input.eventId);
  const [participant] = await tx
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.id, input.participantId)));
  if (participant?.status !== "awaiting_payment") return null;
  const placed = await placement(tx, event, participant.side);
  const [updated] = await tx
    .update(eventParticipants)
    .set({ ...placed, updatedAt: new Date() })
    .where(eq(eventParticipants.id, participant.id))
    .returning();
  await mailRegistered(tx, event, updated!, true);
  return updated!;
}

/**
 * Gives freed places to the waiting list of one side, first come first served, with a mail.
 * Runs in the caller's transaction, with the event row locked.
 */
export async function promoteWaitlist(tx: Executor, event: EventRow, side: Side): Promise<string[]> {
  const free = capacityOf(event, side) - (await placesTaken(tx, event.id, side));
  if (free <= 0) return [];
  const next = await tx
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.side, side), eq(eventParticipants.status, "waitlisted")))
    .orderBy(asc(eventParticipants.waitlistPosition), asc(eventParticipants.createdAt))
    .limit(free);
  for (const p of next) {
    const status = event.approvalMode === "auto" ? "approved" : "pending";
    await tx.update(eventParticipants).set({ status, waitlistPosition: null, updatedAt: new Date() }).where(eq(eventParticipants.id, p.id));
    await mailParticipant(tx, p.userId, "event.promoted", {
      subject: `Une place s'est libérée : ${event.title}`,
      paragraphs: [
        `Une place s'est libérée pour la rencontre du ${formatDate(event.date)}.`,
        status === "approved" ? "Votre inscription est validée." : "Votre inscription attend la validation de l'animateur.",
      ],
      action: { label: "Voir la rencontre", url: eventUrl(event) },
    });
  }
  return next.map((p) => p.id);
}

/**
 * Frees a participant's place: their requests and meetings are cancelled, the waiting list moves
 * up (not on a cancelled event). Runs in the caller's transaction, with the event row locked.
 */
export async function releaseParticipant(tx: Executor, event: EventRow, participant: ParticipantRow, status: "cancelled" | "rejected") {
  await tx.update(eventParticipants).set({ status, waitlistPosition: null, updatedAt: new Date() }).where(eq(eventParticipants.id, participant.id));
  const involved = sql`(${meetingRequests.fromParticipant} = ${participant.id} OR ${meetingRequests.toParticipant} = ${participant.id})`;
  await tx
    .update(meetingRequests)
    .set({ status: "cancelled" })
    .where(and(eq(meetingRequests.eventId, event.id), inArray(meetingRequests.status, ["pending", "accepted"]), involved));
  await tx
    .update(meetings)
    .set({ status: "cancelled", locked: false, updatedAt: new Date() })
    .where(
      and(
        eq(meetings.eventId, event.id),
        eq(meetings.status, "scheduled"),
        sql`(${meetings.participantA} = ${participant.id} OR ${meetings.participantB} = ${participant.id})`,
      ),
    );
  if (holdsPlace.includes(participant.status) && event.status !== "cancelled") await promoteWaitlist(tx, event, participant.side);
}

/** A person cancels their own registration. */
export async function cancelRegistration(input: { eventId: string; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const [participant] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.userId, input.userId)));
    if (!participant || participant.status === "cancelled" || participant.status === "rejected") {
      throw new DomainError("not_found", "Vous n'êtes pas inscrit à cette rencontre.");
    }
    if (event.status === "done") throw new DomainError("conflict", "Cette rencontre est terminée.");
    await releaseParticipant(tx, event, participant, "cancelled");
  });
}

/** The animator approves or rejects a registration of this event. */
export async function decideParticipant(input: { eventId: string; participantId: string; decision: "approve" | "reject" }): Promise<void> {
  await db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const [participant] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.id, input.participantId)));
    if (!participant) throw new DomainError("not_found", "Inscription introuvable.");
    if (input.decision === "approve") {
      if (participant.status !== "pending") throw new DomainError("conflict", "Cette inscription n'attend pas de validation.");
      await tx.update(eventParticipants).set({ status: "approved", updatedAt: new Date() }).where(eq(eventParticipants.id, participant.id));
      await mailParticipant(tx, participant.userId, "event.approved", {
        subject: `Inscription validée : ${event.title}`,
        paragraphs: [`Votre inscription à la rencontre du ${formatDate(event.date)} est validée.`, "Vous pouvez demander des rendez-vous aux autres participants."],
        action: { label: "Voir les participants", url: eventUrl(event, "/participants") },
      });
      return;
    }
    if (!["pending", "approved", "waitlisted"].includes(participant.status)) throw new DomainError("conflict", "Cette inscription est déjà close.");
    await releaseParticipant(tx, event, participant, "rejected");
    await mailParticipant(tx, participant.userId, "event.rejected", {
      subject: `Inscription non retenue : ${event.title}`,
      paragraphs: [`Votre inscription à la rencontre du ${formatDate(event.date)} n'a pas été retenue par l'animateur du club.`],
    });
  });
}

/** The signed-in person's registration for this event (any status), or null. */
export async function participationOf(eventId: string, userId: string, executor: Executor = db): Promise<ParticipantRow | null> {
  const [row] = await executor
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.userId, userId)));
  return row ?? null;
}

/** The person's approved participation, or a 404 (scope: one only sees one's own agenda). */
export async function requireApprovedParticipant(eventId: string, userId: string): Promise<ParticipantRow> {
  const row = await participationOf(eventId, userId);
  if (!row || row.status !== "approved") throw new DomainError("not_found", "Vous ne participez pas à cette rencontre.");
  return row;
}

/** Every registration of an event, for the animator. */
export async function participantsOfEvent(eventId: string, executor: Executor = db) {
  return executor
    .select({
      id: eventParticipants.id,
      side: eventParticipants.side,
      status: eventParticipants.status,
      waitlistPosition: eventParticipants.waitlistPosition,
      availability: eventParticipants.availability,
      sessionPreference: eventParticipants.sessionPreference,
      pitch: eventParticipants.pitch,
      checkedIn: eventParticipants.checkedIn,
      createdAt: eventParticipants.createdAt,
      userId: eventParticipants.userId,
      name: users.displayName,
      email: users.email,
      organisationId: eventParticipants.organisationId,
      organisationName: organisations.name,
    })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(eq(eventParticipants.eventId, eventId))
    .orderBy(asc(eventParticipants.side), asc(eventParticipants.createdAt));
}
