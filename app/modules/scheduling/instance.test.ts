import { describe, expect, it } from "vitest";
import { deriveSessions, InstanceError, normalize, parseInstance } from "./instance";

const base = {
  slots: [{ id: "s1" }, { id: "s2" }],
  tables: ["T1"],
  participants: [{ id: "a" }, { id: "b" }],
  requests: [{ a: "a", b: "b", priority: 1 }],
};

function issuesOf(json: unknown): string[] {
  try {
    normalize(parseInstance(json));
  } catch (e) {
    if (e instanceof InstanceError) return e.issues;
    throw e;
  }
  return [];
}

describe("parseInstance", () => {
  it("accepts numeric ids and turns them into strings", () => {
    const inst = parseInstance({ ...base, slots: [{ id: 1 }, { id: 2 }], participants: [{ id: 7, available: [2] }, { id: "b" }], requests: [{ a: 7, b: "b", priority: 2 }] });
    expect(inst.slots.map((s) => s.id)).toEqual(["1", "2"]);
    expect(inst.participants[0]).toEqual({ id: "7", available: ["2"] });
    expect(inst.requests[0]!.a).toBe("7");
  });

  it.each([
    [{ ...base, slots: [] }, "Il faut au moins un créneau"],
    [{ ...base, tables: "T1" }, "« tables » doit être une liste"],
    [{ ...base, requests: [{ a: "a", b: "b", priority: 0 }] }, "La priorité doit être strictement positive"],
    [{ ...base, participants: [{ id: "a", minMeetings: 1.5 }] }, "« minMeetings » doit être un entier"],
    ["texte", "L'instance doit être un objet JSON"],
  ])("rejects malformed input in French (%#)", (json, message) => {
    expect(issuesOf(json).join("\n")).toContain(message);
  });

  it.each([
    [{ ...base, requests: [{ a: "a", b: "z", priority: 1 }] }, "participant « z » inconnu"],
    [{ ...base, requests: [{ a: "a", b: "a", priority: 1 }] }, "ne peut pas se rencontrer lui-même"],
    [{ ...base, participants: [{ id: "a", available: ["s9"] }, { id: "b" }] }, "créneau « s9 » inconnu"],
    [{ ...base, participants: [{ id: "a" }, { id: "a" }] }, "Participant « a » en double"],
    [
      { ...base, participants: [{ id: "a" }, { id: "b" }, { id: "c" }], locked: [{ a: "a", b: "b", slot: "s1", table: "T1" }, { a: "a", b: "c", slot: "s1", table: "T1" }] },
      "a a deux rendez-vous au créneau s1",
    ],
    [{ ...base, tableMode: "fixed", tableOf: { a: "T1", b: "T1" } }, "la table « T1 » est attribuée à a et à b"],
  ])("rejects inconsistent references in French (%#)", (json, message) => {
    expect(issuesOf(json).join("\n")).toContain(message);
  });
});

describe("deriveSessions", () => {
  const at = (hm: string, day = "12") => `2027-03-${day}T${hm}:00+01:00`;
  it.each([
    ["gap over 45 min splits", [{ id: "1", start: at("09:00"), end: at("09:20") }, { id: "2", start: at("09:20"), end: at("09:40") }, { id: "3", start: at("10:30"), end: at("10:50") }], [0, 0, 1]],
    ["a 40 min break does not split", [{ id: "1", start: at("09:00"), end: at("09:20") }, { id: "2", start: at("10:00"), end: at("10:20") }], [0, 0]],
    ["a new day splits", [{ id: "1", start: at("09:00", "12") }, { id: "2", start: at("09:20", "13") }], [0, 1]],
    ["labels win", [{ id: "1", session: "m" }, { id: "2", session: "m" }, { id: "3", session: "pm" }], [0, 0, 1]],
    ["no times: one session", [{ id: "1" }, { id: "2" }, { id: "3" }], [0, 0, 0]],
  ])("%s", (_name, slots, expected) => {
    expect(Array.from(deriveSessions(slots))).toEqual(expected);
  });
});
