import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../connection";
import { eventParticipants, eventSlots } from "../schema";
import { seedDemo } from "./demo";
import { seedDemoEvent } from "./demo-event";

describe("demo event seed", () => {
  it("creates an open morning event in three weeks with the demo buyer and supplier registered", async () => {
    const ctx = await seedDemo(db);
    const event = await db.transaction((tx) => seedDemoEvent(tx, ctx, new Date("2027-01-04T10:00:00Z")));
    expect(event).toMatchObject({ status: "open", date: "2027-01-25", tablesCount: 10, meetingMinutes: 15 });
    const slots = await db.select().from(eventSlots).where(eq(eventSlots.eventId, event.id));
    expect(slots.length).toBeGreaterThanOrEqual(8);
    expect(slots.map((s) => s.startsAt.toISOString()).sort()[0]).toBe("2027-01-25T08:00:00.000Z");
    const people = await db.select().from(eventParticipants).where(eq(eventParticipants.eventId, event.id));
    expect(people.map((p) => p.side).sort()).toEqual(["buyer", "supplier"]);
  });
});
