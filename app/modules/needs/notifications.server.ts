// Reaching suppliers: at publication the best matched suppliers (score ≥ threshold, at most the
// club's batch size) are notified in the app (need_suppliers.notified_at, the feed) and by mail:
// the first matching need of the day at once, the following ones of that day in one digest the
// next morning (outbox "needs.digest"). Reminders by the buyer (two at most), unsubscribe links.
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { rows, type Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { clubNeedSettings, mailUnsubscribes, memberships, needBatches, needDigestEntries, needs, needSuppliers, organisations, outbox, suppliers, users } from "../../../db/schema";
import { rankSuppliersForNeed } from "../matching/matching.server";
import type { NeedPerimeter } from "../matching/score";
import { notifyUsers } from "../notifications/in-app.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";

/** Minimum score (0..100) for a supplier to be notified of a need at publication. */
export const NOTIFY_THRESHOLD = 50;
/** Suppliers notified per batch when the club never set its own number. */
export const DEFAULT_NOTIFY_BATCH_SIZE = 20;
export const MAX_REMINDERS = 2;
export const NEEDS_MAIL_KIND = "needs";
export const DIGEST_OUTBOX_KIND = "needs.digest";
/** Local hour (Europe/Paris) at which the digest of the previous day's other needs is sent. */
const DIGEST_HOUR = 7;

type NeedForNotification = typeof needs.$inferSelect;

export function perimeterOfNeed(need: Pick<NeedForNotification, "perimeterKind" | "radiusKm" | "departments">, epci: string | null): NeedPerimeter {
  switch (need.perimeterKind) {
    case "radius":
      return { kind: "radius", radiusKm: need.radiusKm ?? 30 };
    case "epci":
      return { kind: "epci", epci: epci ?? "" };
    case "departments":
      return { kind: "departments", departments: need.departments };
    case "national":
      return { kind: "national" };
  }
}

async function epciOf(executor: Executor, communeInsee: string | null): Promise<string | null> {
  if (!communeInsee) return null;
  const [row] = await rows<{ epci_siren: string | null }>(executor, sql`SELECT epci_siren FROM communes WHERE insee = ${communeInsee}`);
  return row?.epci_siren ?? null;
}

/** The need as the matching service reads it. */
export async function matchInputOfNeed(executor: Executor, need: NeedForNotification) {
  return {
    categories: need.categories,
    communeInsee: need.communeInsee,
    perimeter: perimeterOfNeed(need, await epciOf(executor, need.communeInsee)),
    requiredLabels: need.requiredLabels,
    title: need.title,
    description: need.description,
  };
}

/** "2027-03-12": the calendar day in Paris. */
export function parisDay(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The instant it is `hour`:00 in Paris on the day after `day`. */
export function nextParisMorning(day: string, hour = DIGEST_HOUR): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d + 1, hour));
  const offset = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Paris", timeZoneName: "shortOffset" })
    .formatToParts(guess)
    .find((p) => p.type === "timeZoneName")?.value.match(/GMT([+-]\d+)/)?.[1];
  return new Date(guess.getTime() - Number(offset ?? 0) * 3_600_000);
}

function url(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

// ---------------------------------------------------------------- unsubscribe

function sign(payload: string): string {
  return createHmac("sha256", env().APP_SECRET).update(`unsubscribe:${payload}`).digest("base64url").slice(0, 32);
}

/** A stateless, signed token naming the address and the kind of mail. */
export function unsubscribeToken(email: string, kind = NEEDS_MAIL_KIND): string {
  const payload = Buffer.from(`${kind}:${email.toLowerCase()}`).toString("base64url");
  return `${payload}.${sign(payload)}`;
}

export function readUnsubscribeToken(token: string): { email: string; kind: string } | null {
  const [payload, signature] = token.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const decoded = Buffer.from(payload, "base64url").toString("utf8");
  const at = decoded.indexOf(":");
  if (at < 1) return null;
  return { kind: decoded.slice(0, at), email: decoded.slice(at + 1) };
}

export async function unsubscribe(token: string): Promise<{ email: string; kind: string }> {
  const read = readUnsubscribeToken(token);
  if (!read) throw new DomainError("not_found", "Ce lien de désabonnement n'est pas valable.");
  await db.insert(mailUnsubscribes).values(read).onConflictDoNothing();
  return read;
}

function unsubscribeFooter(email: string): string {
  return `Vous recevez ce message car votre entreprise est inscrite sur Proxima. Pour ne plus recevoir les besoins par e-mail : ${url(`/desabonnement/${unsubscribeToken(email)}`)}`;
}

/** Member addresses of each supplier's organisation, without those who unsubscribed. */
async function recipientsOf(executor: Executor, supplierIds: string[]): Promise<Map<string, string[]>> {
  const byId = new Map<string, string[]>();
  if (supplierIds.length === 0) return byId;
  const found = await executor
    .select({ supplierId: suppliers.id, email: users.email })
    .from(suppliers)
    .innerJoin(memberships, eq(memberships.organisationId, suppliers.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        inArray(suppliers.id, supplierIds),
        sql`NOT EXISTS (SELECT 1 FROM mail_unsubscribes u WHERE u.email = ${users.email} AND u.kind = ${NEEDS_MAIL_KIND})`,
      ),
    );
  for (const r of found) byId.set(r.supplierId, [...(byId.get(r.supplierId) ?? []), r.email]);
  return byId;
}

// ---------------------------------------------------------------- publication

/** Members of each supplier's organisation (every one of them sees in-app notifications). */
async function memberIdsOf(executor: Executor, supplierIds: string[]): Promise<string[]> {
  if (supplierIds.length === 0) return [];
  const found = await executor
    .selectDistinct({ userId: memberships.userId })
    .from(suppliers)
    .innerJoin(memberships, eq(memberships.organisationId, suppliers.organisationId))
    .where(inArray(suppliers.id, supplierIds));
  return found.map((r) => r.userId);
}

/**
 * Ranks suppliers for the published need (in the caller's transaction), takes the best ones above
 * the threshold not notified yet (at most the club's batch size), records them as one batch (who,
 * when, how many), notifies their members in the app and mails them (at once, or in tomorrow's
 * digest). Publication sends the first batch; `sendNextBatch` the following ones.
 */
export async function notifyMatchedSuppliers(
  tx: Executor,
  need: NeedForNotification,
  options: { batchSize: number; now: Date; actorId?: string | null; recordEmpty?: boolean },
): Promise<number> {
  const ranked = await rankSuppliersForNeed(await matchInputOfNeed(tx, need), {
    executor: tx,
    minScore: NOTIFY_THRESHOLD,
    limit: options.batchSize,
    excludeNotifiedOf: need.id,
  });
  if (ranked.length === 0 && !options.recordEmpty) return 0;
  const now = options.now;
  const [last] = await tx.select({ position: sql<number>`coalesce(max(${needBatches.position}), 0)::int` }).from(needBatches).where(eq(needBatches.needId, need.id));
  const [batch] = await tx
    .insert(needBatches)
    .values({ needId: need.id, position: (last?.position ?? 0) + 1, sentBy: options.actorId ?? null, size: ranked.length, createdAt: now })
    .returning({ id: needBatches.id });
  if (ranked.length === 0) return 0;
  for (const r of ranked) {
    await tx
      .insert(needSuppliers)
      .values({ needId: need.id, supplierId: r.supplierId, score: r.score, reasons: r.reasons, matched: true, notifiedAt: now, batchId: batch!.id, createdAt: now })
      .onConflictDoUpdate({
        target: [needSuppliers.needId, needSuppliers.supplierId],
        set: { score: r.score, reasons: r.reasons, matched: true, notifiedAt: sql`coalesce(${needSuppliers.notifiedAt}, excluded.notified_at)`, batchId: sql`coalesce(${needSuppliers.batchId}, excluded.batch_id)` },
      });
  }
  const [buyer] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, need.buyerOrganisationId));
  await notifyUsers(tx, await memberIdsOf(tx, ranked.map((r) => r.supplierId)), {
    kind: "need.matched",
    title: `Un besoin pour vous : ${need.title}`,
    body: `${buyer?.name ?? "Un acheteur"} cherche une entreprise comme la vôtre${need.responseDeadline ? ` ; réponse avant le ${formatDate(`${need.responseDeadline}T12:00:00Z`)}` : ""}.`,
    link: `/fournisseur/besoins/${need.id}`,
    now,
  });
  const day = parisDay(now);
  const supplierIds = ranked.map((r) => r.supplierId);
  const today = await tx
    .select({ supplierId: needDigestEntries.supplierId, unsent: sql<number>`count(*) FILTER (WHERE ${needDigestEntries.sentAt} IS NULL)::int` })
    .from(needDigestEntries)
    .where(and(inArray(needDigestEntries.supplierId, supplierIds), eq(needDigestEntries.day, day)))
    .groupBy(needDigestEntries.supplierId);
  const todayBySupplier = new Map(today.map((t) => [t.supplierId, t.unsent]));
  await tx
    .insert(needDigestEntries)
    .values(supplierIds.map((supplierId) => ({ supplierId, needId: need.id, day, createdAt: now })))
    .onConflictDoNothing();
  const sendNow: string[] = [];
  for (const supplierId of supplierIds) {
    const unsent = todayBySupplier.get(supplierId);
    if (unsent === undefined) sendNow.push(supplierId);
    else if (unsent === 0) {
      // A need already went out today: this one waits for tomorrow morning's digest.
      await tx.insert(outbox).values({ kind: DIGEST_OUTBOX_KIND, payload: { supplierId, day }, runAfter: nextParisMorning(day) });
    }
  }
  for (const supplierId of sendNow) await sendNeedDigest(tx, { supplierId, day, now });
  return ranked.length;
}

type DigestNeed = { needId: string; title: string; buyerName: string; communeName: string | null; responseDeadline: string | null; reasons: string[] };

/** Mails the supplier's unsent needs of that day: one need → one mail, several → one digest. */
export async function sendNeedDigest(executor: Executor, input: { supplierId: string; day: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  const entries: DigestNeed[] = await executor
    .select({
      needId: needs.id,
      title: needs.title,
      buyerName: organisations.name,
      communeName: sql<string | null>`(SELECT c.name FROM communes c WHERE c.insee = ${needs.communeInsee})`,
      responseDeadline: needs.responseDeadline,
      reasons: sql<string[]>`coalesce((SELECT ns.reasons FROM need_suppliers ns WHERE ns.need_id = ${needs.id} AND ns.supplier_id = ${input.supplierId}), '[]'::jsonb)`,
    })
    .from(needDigestEntries)
    .innerJoin(needs, eq(needs.id, needDigestEntries.needId))
    .innerJoin(organisations, eq(organisations.id, needs.buyerOrganisationId))
    .where(and(eq(needDigestEntries.supplierId, input.supplierId), eq(needDigestEntries.day, input.day), isNull(needDigestEntries.sentAt), eq(needs.status, "published")))
    .orderBy(asc(needDigestEntries.createdAt));
  await executor
    .update(needDigestEntries)
    .set({ sentAt: now })
    .where(and(eq(needDigestEntries.supplierId, input.supplierId), eq(needDigestEntries.day, input.day), isNull(needDigestEntries.sentAt)));
  if (entries.length === 0) return 0;
  const recipients = (await recipientsOf(executor, [input.supplierId])).get(input.supplierId) ?? [];
  for (const to of recipients) {
    const mail = entries.length === 1 ? singleNeedMail(entries[0]!, to) : digestMail(entries, to);
    await queueMail(executor, { to, kind: entries.length === 1 ? "need.matched" : "need.digest", ...mail });
  }
  return recipients.length;
}

function needLine(n: DigestNeed): string {
  return [n.buyerName, n.communeName, n.responseDeadline ? `réponse avant le ${formatDate(`${n.responseDeadline}T12:00:00Z`)}` : null].filter(Boolean).join(" · ");
}

function singleNeedMail(n: DigestNeed, to: string) {
  return renderMail({
    subject: `Un besoin pour vous : ${n.title}`,
    greeting: "Bonjour,",
    paragraphs: [`Un acheteur engagé cherche une entreprise comme la vôtre : « ${n.title} ».`, needLine(n), ...(n.reasons.length ? [`Pourquoi vous : ${n.reasons.slice(0, 4).join(" ; ")}.`] : [])],
    action: { label: "Voir le besoin et répondre", url: url(`/fournisseur/besoins/${n.needId}`) },
    footer: unsubscribeFooter(to),
  });
}

function digestMail(entries: DigestNeed[], to: string) {
  return renderMail({
    subject: `${entries.length} besoins pour vous sur Proxima`,
    greeting: "Bonjour,",
    paragraphs: [
      `${entries.length} besoins d'acheteurs engagés correspondent à votre entreprise :`,
      ...entries.map((n) => `• ${n.title} (${needLine(n)}) : ${url(`/fournisseur/besoins/${n.needId}`)}`),
    ],
    action: { label: "Voir tous les besoins pour vous", url: url("/fournisseur/besoins") },
    footer: unsubscribeFooter(to),
  });
}

// ---------------------------------------------------------------- reminders

/** The buyer reminds a supplier who has not answered yet: two reminders at most. */
export async function remindSupplier(input: { buyerOrgId: string; needId: string; supplierId: string; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, input.needId), eq(needs.buyerOrganisationId, input.buyerOrgId)))
      .for("update");
    if (!need) throw new DomainError("not_found", "Besoin introuvable.");
    if (need.status !== "published") throw new DomainError("conflict", "Seul un besoin publié peut faire l'objet d'une relance.");
    const [row] = await tx
      .select()
      .from(needSuppliers)
      .where(and(eq(needSuppliers.needId, need.id), eq(needSuppliers.supplierId, input.supplierId)))
      .for("update");
    if (!row) throw new DomainError("not_found", "Ce fournisseur n'a pas été prévenu de ce besoin.");
    if (row.interestedAt || row.declinedAt) throw new DomainError("conflict", "Ce fournisseur a déjà répondu.");
    if (row.remindersSent >= MAX_REMINDERS) throw new DomainError("conflict", `Vous avez déjà relancé ce fournisseur ${MAX_REMINDERS} fois.`);
    await tx.update(needSuppliers).set({ remindersSent: row.remindersSent + 1, lastRemindedAt: now }).where(eq(needSuppliers.id, row.id));
    const recipients = (await recipientsOf(tx, [input.supplierId])).get(input.supplierId) ?? [];
    const [buyer] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, need.buyerOrganisationId));
    for (const to of recipients) {
      const mail = renderMail({
        subject: `Relance : ${need.title}`,
        greeting: "Bonjour,",
        paragraphs: [`${buyer?.name ?? "L'acheteur"} attend votre réponse au besoin « ${need.title} », même si elle est négative.`],
        action: { label: "Répondre", url: url(`/fournisseur/besoins/${need.id}`) },
        footer: unsubscribeFooter(to),
      });
      await queueMail(tx, { to, kind: "need.reminder", ...mail });
    }
    return row.remindersSent + 1;
  });
}

// ---------------------------------------------------------------- next batches

type NeedScope = { buyerOrgId: string } | { clubId: string };

function scopeCondition(scope: NeedScope) {
  return "buyerOrgId" in scope ? eq(needs.buyerOrganisationId, scope.buyerOrgId) : eq(needs.clubId, scope.clubId);
}

/**
 * The buyer (or the club's animator) sends the next batch: the next best matched suppliers above
 * the threshold not notified yet, at most the club's batch size. Returns how many were notified.
 */
export async function sendNextBatch(input: { scope: NeedScope; needId: string; actorId: string; now?: Date }): Promise<number> {
  const now = input.now ?? new Date();
  if (!isUuidLike(input.needId)) throw new DomainError("not_found", "Besoin introuvable.");
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, input.needId), scopeCondition(input.scope)))
      .for("update");
    if (!need) throw new DomainError("not_found", "Besoin introuvable.");
    if (need.status !== "published") throw new DomainError("conflict", "Seul un besoin publié peut être envoyé à d'autres fournisseurs.");
    const [settings] = await tx.select({ batchSize: clubNeedSettings.notifyBatchSize }).from(clubNeedSettings).where(eq(clubNeedSettings.clubId, need.clubId));
    const batchSize = settings?.batchSize ?? DEFAULT_NOTIFY_BATCH_SIZE;
    const sent = await notifyMatchedSuppliers(tx, need, { batchSize, now, actorId: input.actorId });
    if (sent === 0) throw new DomainError("conflict", "Tous les fournisseurs correspondants ont déjà été prévenus.");
    return sent;
  });
}

function isUuidLike(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export type NeedBatchesView = {
  batches: { position: number; size: number; createdAt: Date; sentByName: string | null }[];
  /** Matched suppliers above the threshold not notified yet (null when the need is not published). */
  remaining: number | null;
};

/** The batches sent for a need, and how many matched suppliers remain (need already scoped by the caller). */
export async function needBatchesView(need: NeedForNotification): Promise<NeedBatchesView> {
  const batches = await db
    .select({ position: needBatches.position, size: needBatches.size, createdAt: needBatches.createdAt, sentByName: users.displayName })
    .from(needBatches)
    .leftJoin(users, eq(users.id, needBatches.sentBy))
    .where(eq(needBatches.needId, need.id))
    .orderBy(asc(needBatches.position));
  if (need.status !== "published") return { batches, remaining: null };
  const remaining = await rankSuppliersForNeed(await matchInputOfNeed(db, need), { executor: db, minScore: NOTIFY_THRESHOLD, excludeNotifiedOf: need.id });
  return { batches, remaining: remaining.length };
}
