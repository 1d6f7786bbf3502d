import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { needsWorld, supplierWithMember } from "../needs/test-fixtures";
import { createFollowUpSession, followUpCsv, followUpSessionView, listFollowUpSessions } from "./follow-up.server";
import { addNote, changeStage, recordContact } from "./opportunities.server";

describe("club follow-up sessions", () => {
  it("lists per participant the open opportunities and what changed since the previous session, and exports it", async () => {
    const w = await needsWorld("follow");
    const a = await supplierWithMember("follow-a");
    const b = await supplierWithMember("follow-b");
    const t = (day: number) => new Date(Date.UTC(2027, 0, day, 10));
    const club = { clubId: w.club.id };
    const oa = await db.transaction((tx) => recordContact(tx, { buyerOrganisationId: w.buyer.id, supplierId: a.supplier.id, origin: "directory", ...club, at: t(1) }));
    const ob = await db.transaction((tx) => recordContact(tx, { buyerOrganisationId: w.buyer.id, supplierId: b.supplier.id, origin: "directory", ...club, at: t(1) }));
    const first = await createFollowUpSession({ clubId: w.club.id, actorId: w.animator.id, title: "Séance de janvier", now: t(5) });
    // Between the sessions: A wins, B gets a note; the club's own scope records the note.
    await changeStage({ scope: { kind: "supplier", supplierId: a.supplier.id }, opportunityId: oa.opportunityId, actorId: a.owner.id, to: "won", contract: { signedOn: "2027-01-20", amountCents: 900_000, durationMonths: null, recurring: false }, now: t(20) });
    await addNote({ scope: { kind: "club", clubId: w.club.id }, opportunityId: ob.opportunityId, actorId: w.animator.id, via: "Séance de suivi « Séance de février »", note: "Rendez-vous prévu le 3 mars.", now: t(31) });
    const second = await createFollowUpSession({ clubId: w.club.id, actorId: w.animator.id, title: "Séance de février", now: t(35) });

    expect((await listFollowUpSessions(w.club.id)).map((s) => s.title)).toEqual(["Séance de février", "Séance de janvier"]);
    const view = await followUpSessionView({ clubId: w.club.id, sessionId: second.id, now: t(36) });
    expect(view.previous?.id).toBe(first.id);
    const supplierA = view.participants.find((p) => p.organisationId === a.supplier.organisationId)!;
    // Won is closed but changed since the previous session: it is listed with the change.
    expect(supplierA.opportunities.map((o) => [o.stage, o.changes.map((c) => [c.kind, c.toStage])])).toEqual([["won", [["stage", "won"]]]]);
    const buyer = view.participants.find((p) => p.side === "buyer")!;
    expect(buyer.opportunities).toHaveLength(2);
    const supplierB = view.participants.find((p) => p.organisationId === b.supplier.organisationId)!;
    expect(supplierB.opportunities[0]!.changes.map((c) => c.note)).toEqual(["Rendez-vous prévu le 3 mars."]);

    // The first session has no previous one: its window runs from the start to the next session.
    const firstView = await followUpSessionView({ clubId: w.club.id, sessionId: first.id, now: t(36) });
    const kinds = firstView.participants.flatMap((p) => p.opportunities.flatMap((o) => o.changes.map((c) => c.kind)));
    expect(kinds.filter((k) => k === "created")).toHaveLength(4);
    expect(view.participants.flatMap((p) => p.opportunities.flatMap((o) => o.changes.map((c) => c.kind)))).not.toContain("created");

    const csv = followUpCsv(view);
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain("Changements depuis la séance précédente");
    expect(lines).toHaveLength(1 + 4);
    expect(csv).toContain("9000.00");

    await expect(followUpSessionView({ clubId: (await needsWorld("follow-other")).club.id, sessionId: second.id })).rejects.toThrow("Séance introuvable.");
  });
});
