import { aliasedTable, and, asc, eq, ilike, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, events, meetingRequests, meetings, organisations, qpvs, suppliers, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { requestStatusLabel } from "./labels";
import { lockEvent, type EventRow } from "./events.server";
import type { ParticipantRow } from "./registration.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

export type RequestRow = typeof meetingRequests.$inferSelect;
export type RequestStatus = RequestRow["status"];

export { requestStatusLabel };

/** Requests that count against the sender's maximum. */
const active: RequestStatus[] = ["pending", "accepted"];

async function participantIn(tx: Executor, eventId: string, participantId: string): Promise<ParticipantRow> {
  const [p] = await tx
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.id, participantId)));
  if (!p) throw new DomainError("not_found", "Participant introuvable.");
  return p;
}

async function mailTo(tx: Executor, participant: ParticipantRow, event: EventRow, subject: string, paragraph: string) {
  const [user] = await tx.select({ email: users.email, name: users.displayName }).from(users).where(eq(users.id, participant.userId));
  if (!user) return;
  const url = new URL(`/rencontres/${event.slug}/mes-rendez-vous`, env().APP_URL).toString();
  await queueMail(tx, {
    to: user.email,
    kind: "event.wish",
    ...renderMail({ greeting: `Bonjour ${user.name},`, subject, paragraphs: [paragraph], action: { label: "Voir mes rendez-vous", url } }),
  });
}

async function nameOf(tx: Executor, participantId: string): Promise<string> {
  const [row] = await tx
    .select({ name: users.displayName, org: organisations.name })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(eq(eventParticipants.id, participantId));
  return row ? `${row.name} (${row.org})` : "un participant";
}

/** The requests between two participants of an event, in either direction. */
function requestsBetween(tx: Executor, eventId: string, a: string, b: string) {
  return tx
    .select()
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.eventId, eventId),
        or(
          and(eq(meetingRequests.fromParticipant, a), eq(meetingRequests.toParticipant, b)),
          and(eq(meetingRequests.fromParticipant, b), eq(meetingRequests.toParticipant, a)),
        ),
      ),
    );
}

function wishesOpen(event: EventRow, now: Date): void {
  if (event.status !== "open" && event.status !== "scheduling") throw new DomainError("conflict", "Les demandes de rendez-vous sont fermées pour cette rencontre.");
  if (event.wishDeadline && now > event.wishDeadline) throw new DomainError("conflict", "La date limite des demandes de rendez-vous est passée.");
}

/**
 * A participant asks another for a meeting (buyer ↔ supplier or supplier ↔ supplier). When the
 * other already asked for it, both requests are accepted at once as a mutual wish.
 */
export async function sendWish(input: { eventId: string; fromParticipantId: string; toParticipantId: string; rank?: number; now?: Date }): Promise<RequestRow> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    wishesOpen(event, now);
    const from = await participantIn(tx, event.id, input.fromParticipantId);
    const to = await participantIn(tx, event.id, input.toParticipantId);
    if (from.status !== "approved") throw new DomainError("forbidden", "Votre inscription doit être validée pour demander des rendez-vous.");
    if (to.status !== "approved") throw new DomainError("conflict", "Ce participant n'est plus inscrit.", { field: "toParticipant" });
    if (from.id === to.id) throw new DomainError("invalid", "Vous ne pouvez pas vous demander un rendez-vous à vous-même.", { field: "toParticipant" });
    if (from.organisationId === to.organisationId) throw new DomainError("invalid", "Ce participant est de votre organisation.", { field: "toParticipant" });
    if (from.side === "buyer" && to.side === "buyer") throw new DomainError("invalid", "Les rendez-vous réunissent un acheteur et un fournisseur, ou deux fournisseurs.", { field: "toParticipant" });
    const pair = await requestsBetween(tx, event.id, from.id, to.id);
    const mine = pair.find((r) => r.fromParticipant === from.id);
    const theirs = pair.find((r) => r.fromParticipant === to.id);
    if (mine && active.includes(mine.status)) throw new DomainError("conflict", "Vous avez déjà demandé ce rendez-vous.", { field: "toParticipant" });
    if (mine?.status === "declined") throw new DomainError("conflict", "Ce participant a décliné votre demande.", { field: "toParticipant" });
    if (theirs?.status === "accepted") throw new DomainError("conflict", "Ce rendez-vous est déjà accepté.", { field: "toParticipant" });
    const [sent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(meetingRequests)
      .where(and(eq(meetingRequests.fromParticipant, from.id), inArray(meetingRequests.status, active), eq(meetingRequests.forced, false)));
    if (sent!.n >= event.maxWishes) throw new DomainError("conflict", `Vous avez atteint le maximum de ${event.maxWishes} demandes pour cette rencontre.`, { field: "toParticipant" });
    const rank = input.rank ?? sent!.n + 1;
    const mutual = theirs?.status === "pending";
    const values = { status: mutual ? ("accepted" as const) : ("pending" as const), rank, mutual, answeredAt: mutual ? now : null, createdAt: now };
    const [request] = mine
      ? await tx.update(meetingRequests).set(values).where(eq(meetingRequests.id, mine.id)).returning()
      : await tx.insert(meetingRequests).values({ ...values, eventId: event.id, fromParticipant: from.id, toParticipant: to.id }).returning();
    const fromName = await nameOf(tx, from.id);
    if (mutual) {
      await tx.update(meetingRequests).set({ status: "accepted", mutual: true, answeredAt: now }).where(eq(meetingRequests.id, theirs!.id));
      await mailTo(tx, to, event, `Rendez-vous accepté : ${event.title}`, `${fromName} souhaite aussi vous rencontrer : le rendez-vous est accepté des deux côtés.`);
    } else {
      await mailTo(tx, to, event, `Demande de rendez-vous : ${event.title}`, `${fromName} souhaite vous rencontrer. Acceptez ou déclinez la demande.`);
    }
    return request!;
  });
}

/** The recipient accepts or declines a pending request. */
export async function answerWish(input: { eventId: string; requestId: string; participantId: string; accept: boolean; now?: Date }): Promise<RequestRow> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const [request] = await tx
      .select()
      .from(meetingRequests)
      .where(and(eq(meetingRequests.id, input.requestId), eq(meetingRequests.eventId, event.id), eq(meetingRequests.toParticipant, input.participantId)))
      .for("update");
    if (!request) throw new DomainError("not_found", "Demande introuvable.");
    if (request.status !== "pending") throw new DomainError("conflict", `Cette demande est déjà ${requestStatusLabel[request.status].toLowerCase()}.`);
    if (event.wishDeadline && now > event.wishDeadline) throw new DomainError("conflict", "La date limite des demandes de rendez-vous est passée.");
    const [updated] = await tx
      .update(meetingRequests)
      .set({ status: input.accept ? "accepted" : "declined", answeredAt: now })
      .where(eq(meetingRequests.id, request.id))
      .returning();
    const sender = await participantIn(tx, event.id, request.fromParticipant);
    const toName = await nameOf(tx, request.toParticipant);
    await mailTo(
      tx,
      sender,
      event,
      `${input.accept ? "Rendez-vous accepté" : "Demande déclinée"} : ${event.title}`,
      input.accept ? `${toName} a accepté votre demande de rendez-vous.` : `${toName} a décliné votre demande de rendez-vous.`,
    );
    return updated!;
  });
}

/** The sender withdraws a request not yet answered. */
export async function withdrawWish(input: { eventId: string; requestId: string; participantId: string }): Promise<void> {
  const done = await db
    .update(meetingRequests)
    .set({ status: "cancelled" })
    .where(
      and(
        eq(meetingRequests.id, input.requestId),
        eq(meetingRequests.eventId, input.eventId),
        eq(meetingRequests.fromParticipant, input.participantId),
        eq(meetingRequests.status, "pending"),
      ),
    )
    .returning({ id: meetingRequests.id });
  if (!done.length) throw new DomainError("not_found", "Cette demande ne peut plus être retirée.");
}

/** Requests left unanswered after their event's wish deadline expire. Called by the job runner. */
export async function expireWishes(now: Date, executor: Executor = db): Promise<number> {
  const expired = await executor
    .update(meetingRequests)
    .set({ status: "expired", answeredAt: now })
    .where(
      and(
        eq(meetingRequests.status, "pending"),
        inArray(meetingRequests.eventId, executor.select({ id: events.id }).from(events).where(lt(events.wishDeadline, now))),
      ),
    )
    .returning({ id: meetingRequests.id });
  return expired.length;
}

/** The animator adds (or forces) a meeting between two approved participants. */
export async function forceMeeting(input: { eventId: string; aId: string; bId: string; now?: Date }): Promise<RequestRow> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const a = await participantIn(tx, event.id, input.aId);
    const b = await participantIn(tx, event.id, input.bId);
    if (a.id === b.id) throw new DomainError("invalid", "Choisissez deux participants différents.", { field: "bId" });
    if (a.status !== "approved" || b.status !== "approved") throw new DomainError("conflict", "Les deux participants doivent avoir une inscription validée.");
    if (a.side === "buyer" && b.side === "buyer") throw new DomainError("invalid", "Deux acheteurs ne se rencontrent pas dans une rencontre d'affaires.", { field: "bId" });
    const pair = await requestsBetween(tx, event.id, a.id, b.id);
    const existing = pair.find((r) => r.fromParticipant === a.id) ?? pair[0];
    if (existing) {
      const [updated] = await tx
        .update(meetingRequests)
        .set({ status: "accepted", forced: true, answeredAt: now })
        .where(eq(meetingRequests.id, existing.id))
        .returning();
      return updated!;
    }
    const [created] = await tx
      .insert(meetingRequests)
      .values({ eventId: event.id, fromParticipant: a.id, toParticipant: b.id, rank: 1, status: "accepted", forced: true, answeredAt: now, createdAt: now })
      .returning();
    return created!;
  });
}

/** The animator removes a requested meeting (and the meetings scheduled for the pair). */
export async function removeMeetingRequest(input: { eventId: string; requestId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockEvent(tx, input.eventId);
    const [request] = await tx
      .select()
      .from(meetingRequests)
      .where(and(eq(meetingRequests.id, input.requestId), eq(meetingRequests.eventId, input.eventId)));
    if (!request) throw new DomainError("not_found", "Demande introuvable.");
    const pair = or(
      and(eq(meetingRequests.fromParticipant, request.fromParticipant), eq(meetingRequests.toParticipant, request.toParticipant)),
      and(eq(meetingRequests.fromParticipant, request.toParticipant), eq(meetingRequests.toParticipant, request.fromParticipant)),
    );
    await tx.update(meetingRequests).set({ status: "cancelled" }).where(and(eq(meetingRequests.eventId, input.eventId), pair));
    await tx
      .update(meetings)
      .set({ status: "cancelled", locked: false, updatedAt: new Date() })
      .where(
        and(
          eq(meetings.eventId, input.eventId),
          eq(meetings.status, "scheduled"),
          or(
            and(eq(meetings.participantA, request.fromParticipant), eq(meetings.participantB, request.toParticipant)),
            and(eq(meetings.participantA, request.toParticipant), eq(meetings.participantB, request.fromParticipant)),
          ),
        ),
      );
  });
}

export type CatalogueFilters = { side?: "buyer" | "supplier"; category?: string; qpv?: boolean; q?: string };

/** Approved participants other than the viewer, with their profile summary and the viewer's requests. */
export async function catalogue(eventId: string, viewerId: string, filters: CatalogueFilters = {}) {
  const conditions = [eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "approved"), ne(eventParticipants.id, viewerId)];
  if (filters.side) conditions.push(eq(eventParticipants.side, filters.side));
  if (filters.category) conditions.push(sql`${suppliers.categories} @> ARRAY[${filters.category}]::text[]`);
  if (filters.qpv) conditions.push(inArray(suppliers.qpvStatus, ["verified", "declared"]));
  if (filters.q) {
    const like = `%${filters.q}%`;
    conditions.push(or(ilike(organisations.name, like), ilike(users.displayName, like), ilike(eventParticipants.pitch, like))!);
  }
  const rows = await db
    .select({
      id: eventParticipants.id,
      side: eventParticipants.side,
      pitch: eventParticipants.pitch,
      name: users.displayName,
      organisationId: eventParticipants.organisationId,
      organisationName: organisations.name,
      categories: suppliers.categories,
      description: suppliers.description,
      qpvStatus: suppliers.qpvStatus,
      qpvName: qpvs.name,
      supplierSlug: suppliers.slug,
    })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .leftJoin(suppliers, eq(suppliers.organisationId, eventParticipants.organisationId))
    .leftJoin(qpvs, eq(qpvs.code, suppliers.qpvCode))
    .where(and(...conditions))
    .orderBy(asc(eventParticipants.side), asc(organisations.name), asc(users.displayName));
  const requests = await db
    .select()
    .from(meetingRequests)
    .where(and(eq(meetingRequests.eventId, eventId), or(eq(meetingRequests.fromParticipant, viewerId), eq(meetingRequests.toParticipant, viewerId))));
  return rows.map((r) => ({
    ...r,
    sent: requests.find((q) => q.fromParticipant === viewerId && q.toParticipant === r.id) ?? null,
    received: requests.find((q) => q.toParticipant === viewerId && q.fromParticipant === r.id) ?? null,
  }));
}

const counterpart = aliasedTable(eventParticipants, "counterpart");
const counterpartUser = aliasedTable(users, "counterpart_user");
const counterpartOrg = aliasedTable(organisations, "counterpart_org");

async function requestsWith(eventId: string, participantId: string, direction: "sent" | "received", executor: Executor = db) {
  const mineCol = direction === "sent" ? meetingRequests.fromParticipant : meetingRequests.toParticipant;
  const otherCol = direction === "sent" ? meetingRequests.toParticipant : meetingRequests.fromParticipant;
  return executor
    .select({
      id: meetingRequests.id,
      rank: meetingRequests.rank,
      status: meetingRequests.status,
      mutual: meetingRequests.mutual,
      forced: meetingRequests.forced,
      createdAt: meetingRequests.createdAt,
      otherId: counterpart.id,
      otherName: counterpartUser.displayName,
      otherOrganisation: counterpartOrg.name,
      otherSide: counterpart.side,
    })
    .from(meetingRequests)
    .innerJoin(counterpart, eq(counterpart.id, otherCol))
    .innerJoin(counterpartUser, eq(counterpartUser.id, counterpart.userId))
    .innerJoin(counterpartOrg, eq(counterpartOrg.id, counterpart.organisationId))
    .where(and(eq(meetingRequests.eventId, eventId), eq(mineCol, participantId)))
    .orderBy(asc(meetingRequests.rank), asc(meetingRequests.createdAt));
}

/** A participant's requests, sent and received. */
export async function wishesOf(eventId: string, participantId: string) {
  return { sent: await requestsWith(eventId, participantId, "sent"), received: await requestsWith(eventId, participantId, "received") };
}

/** Every request of an event, for the animator. */
export async function requestsOfEvent(eventId: string) {
  const from = aliasedTable(eventParticipants, "from_p");
  const fromUser = aliasedTable(users, "from_u");
  const fromOrg = aliasedTable(organisations, "from_o");
  return db
    .select({
      id: meetingRequests.id,
      status: meetingRequests.status,
      mutual: meetingRequests.mutual,
      forced: meetingRequests.forced,
      rank: meetingRequests.rank,
      fromId: from.id,
      fromName: sql<string>`${fromUser.displayName} || ' (' || ${fromOrg.name} || ')'`,
      toId: counterpart.id,
      toName: sql<string>`${counterpartUser.displayName} || ' (' || ${counterpartOrg.name} || ')'`,
    })
    .from(meetingRequests)
    .innerJoin(from, eq(from.id, meetingRequests.fromParticipant))
    .innerJoin(fromUser, eq(fromUser.id, from.userId))
    .innerJoin(fromOrg, eq(fromOrg.id, from.organisationId))
    .innerJoin(counterpart, eq(counterpart.id, meetingRequests.toParticipant))
    .innerJoin(counterpartUser, eq(counterpartUser.id, counterpart.userId))
    .innerJoin(counterpartOrg, eq(counterpartOrg.id, counterpart.organisationId))
    .where(eq(meetingRequests.eventId, eventId))
    .orderBy(asc(meetingRequests.createdAt));
}
