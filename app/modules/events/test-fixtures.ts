import { db } from "../../../db/connection";
import { createClubRow, createOrganisationRow, createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { createEvent, setEventStatus } from "./events.server";
import { registerParticipant } from "./registration.server";
import { EventSettingsSchema } from "./schemas";

/** Shared by the events tests: a club with its animator, and an event in 2027 (Paris times). */
export async function clubFixture(name = "Club Test") {
  const animator = await createUser(db, { displayName: `Anim ${name}` });
  const club = await createClubRow(db, { name, epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: ["QN09318M"], animatorIds: [animator.id] });
  return { animator, club };
}

export function settings(overrides: Record<string, unknown> = {}) {
  return EventSettingsSchema.parse({
    title: "Rencontre test",
    venue: "Mairie de Montreuil, 1 place Jean-Jaurès",
    date: "2027-03-12",
    morningStart: "09:00",
    morningEnd: "10:00",
    meetingMinutes: "15",
    gapMinutes: "0",
    tablesCount: "4",
    capacityBuyers: "10",
    capacitySuppliers: "10",
    maxWishes: "5",
    ...overrides,
  });
}

export async function openEvent(clubId: string, actorId: string, overrides: Record<string, unknown> = {}) {
  const event = await createEvent({ clubId, actorId, settings: settings(overrides) });
  return setEventStatus({ clubId, slug: event.slug, status: "open" });
}

let counter = 0;
/** A person of a new buyer or supplier organisation (a QPV supplier when qpvStatus is given). */
export async function person(side: "buyer" | "supplier", options: { name?: string; qpvStatus?: "verified" | "declared" } = {}) {
  counter++;
  const name = options.name ?? `${side === "buyer" ? "Acheteur" : "Fournisseur"} ${counter}`;
  const user = await createUser(db, { displayName: name, email: `${side}-${counter}-${Date.now()}@events.example.org` });
  if (side === "buyer") {
    const org = await createOrganisationRow(db, { kind: "buyer", name: `Org ${name}`, members: [{ userId: user.id }] });
    return { user, organisationId: org.id };
  }
  const supplier = await createSupplierRow(db, {
    name: `Org ${name}`,
    ownerId: user.id,
    ...(options.qpvStatus ? { qpvStatus: options.qpvStatus, qpvCode: "QN09318M" } : {}),
  });
  return { user, organisationId: supplier.organisationId };
}

/** Registers a new person of the given side and returns the participant row. */
export async function participant(eventId: string, side: "buyer" | "supplier", options: Parameters<typeof person>[1] & { slots?: string[]; now?: Date } = {}) {
  const p = await person(side, options);
  const row = await registerParticipant({ eventId, userId: p.user.id, organisationId: p.organisationId, slots: options.slots, now: options.now ?? new Date("2027-01-10T10:00:00Z") });
  return { ...row, user: p.user };
}
