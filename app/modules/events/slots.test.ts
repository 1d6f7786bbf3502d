import { describe, expect, it } from "vitest";
import { deriveSlots, parisDateTime, parisTime, slotSettingsIssues, toParisInput, type SlotSettings } from "./slots";

const base: SlotSettings = { date: "2027-03-12", sessions: [{ name: "morning", start: "09:00", end: "10:00" }], meetingMinutes: 15, gapMinutes: 0, breaks: [] };
const times = (s: SlotSettings) => deriveSlots(s).map((x) => `${x.session === "morning" ? "M" : "A"} ${x.start}-${x.end}`);

describe("deriveSlots", () => {
  it.each([
    ["one session, no gap", base, ["M 09:00-09:15", "M 09:15-09:30", "M 09:30-09:45", "M 09:45-10:00"]],
    ["a gap between meetings", { ...base, gapMinutes: 5 }, ["M 09:00-09:15", "M 09:20-09:35", "M 09:40-09:55"]],
    ["the last meeting must end by the session's end", { ...base, meetingMinutes: 25 }, ["M 09:00-09:25", "M 09:25-09:50"]],
    ["a break pushes the next slot to its end", { ...base, breaks: [{ start: "09:20", end: "09:30" }] }, ["M 09:00-09:15", "M 09:30-09:45", "M 09:45-10:00"]],
    [
      "two sessions, afternoon given first",
      {
        ...base,
        meetingMinutes: 30,
        sessions: [
          { name: "afternoon", start: "14:00", end: "15:00" },
          { name: "morning", start: "09:00", end: "10:00" },
        ],
      },
      ["M 09:00-09:30", "M 09:30-10:00", "A 14:00-14:30", "A 14:30-15:00"],
    ],
    ["session shorter than a meeting", { ...base, sessions: [{ name: "morning", start: "09:00", end: "09:10" }] }, []],
  ] as const)("%s", (_name, settings, expected) => {
    expect(times(settings as SlotSettings)).toEqual(expected);
  });

  it("numbers slots and stores Paris times as UTC instants (winter +1, summer +2)", () => {
    const winter = deriveSlots(base);
    expect(winter.map((s) => s.position)).toEqual([1, 2, 3, 4]);
    expect(winter[0]!.startsAt.toISOString()).toBe("2027-03-12T08:00:00.000Z");
    expect(winter[0]!.endsAt.toISOString()).toBe("2027-03-12T08:15:00.000Z");
    const summer = deriveSlots({ ...base, date: "2027-06-15" });
    expect(summer[0]!.startsAt.toISOString()).toBe("2027-06-15T07:00:00.000Z");
  });

  it("a morning of 9:00–12:30 with 15-min meetings and 5-min gaps gives 10 slots", () => {
    const slots = deriveSlots({ ...base, sessions: [{ name: "morning", start: "09:00", end: "12:30" }], gapMinutes: 5 });
    expect(slots).toHaveLength(10);
    expect(slots.at(-1)!.start).toBe("12:00");
  });
});

describe("Paris time helpers", () => {
  it.each([
    ["2027-03-28", "09:00", "2027-03-28T07:00:00.000Z"], // day of the spring change
    ["2027-10-31", "09:00", "2027-10-31T08:00:00.000Z"], // day of the autumn change
    ["2027-01-05", "23:30", "2027-01-05T22:30:00.000Z"],
  ])("%s %s", (date, time, iso) => {
    expect(parisTime(date, time).toISOString()).toBe(iso);
  });

  it("round-trips a datetime-local value", () => {
    expect(toParisInput(parisDateTime("2027-03-12T18:45"))).toBe("2027-03-12T18:45");
    expect(parisDateTime("")).toBeNull();
  });
});

describe("slotSettingsIssues", () => {
  it("explains wrong settings in French", () => {
    expect(slotSettingsIssues({ ...base, sessions: [] })[0]!.message).toMatch(/au moins une demi-journée/);
    expect(slotSettingsIssues({ ...base, sessions: [{ name: "morning", start: "10:00", end: "09:00" }] })[0]!.message).toMatch(/fin doit suivre/);
    const overlap = slotSettingsIssues({
      ...base,
      sessions: [
        { name: "morning", start: "09:00", end: "13:00" },
        { name: "afternoon", start: "12:00", end: "15:00" },
      ],
    });
    expect(overlap.map((i) => i.field)).toContain("afternoonStart");
    expect(slotSettingsIssues(base)).toEqual([]);
  });
});
