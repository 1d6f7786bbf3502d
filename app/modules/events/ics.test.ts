import { describe, expect, it } from "vitest";
import { agendaIcs, meetingUid } from "./ics";
import { icsDate, parseIcs } from "./ics-parse";

const meeting = (id: string, start: string, end: string, extra: Partial<Parameters<typeof agendaIcs>[0]["meetings"][number]> = {}) => ({
  id,
  startsAt: new Date(start),
  endsAt: new Date(end),
  tableLabel: "3",
  counterpartName: "Sophie Lefèvre",
  counterpartOrganisation: "Habitat Francilien Solidaire",
  status: "scheduled" as const,
  ...extra,
});

describe("agendaIcs", () => {
  it("writes one VEVENT per meeting with a stable UID, the SEQUENCE, the table, the counterpart and UTC times", () => {
    const text = agendaIcs({
      eventTitle: "Rencontre Business de Proximité — Est Ensemble",
      venue: "Mairie de Montreuil, 1 place Jean-Jaurès",
      sequence: 2,
      meetings: [meeting("a1", "2027-03-12T08:00:00Z", "2027-03-12T08:15:00Z"), meeting("b2", "2027-03-12T08:20:00Z", "2027-03-12T08:35:00Z", { tableLabel: "7", counterpartName: "Karim Haddad", counterpartOrganisation: "Net'Éclat, Montreuil" })],
    });
    expect(text).toContain("\r\n");
    const { calendar, events } = parseIcs(text);
    expect(calendar.VERSION).toBe("2.0");
    expect(calendar.METHOD).toBe("PUBLISH");
    expect(events).toHaveLength(2);
    const [first, second] = events;
    expect(first!.UID).toBe(meetingUid("a1"));
    expect(first!.UID).toBe("meeting-a1@proxima");
    expect(first!.SEQUENCE).toBe("2");
    expect(first!.SUMMARY).toBe("Rendez-vous avec Sophie Lefèvre (Habitat Francilien Solidaire) — table 3");
    expect(first!.LOCATION).toBe("Mairie de Montreuil, 1 place Jean-Jaurès — table 3");
    expect(icsDate(first!.DTSTART!).toISOString()).toBe("2027-03-12T08:00:00.000Z");
    expect(icsDate(first!.DTEND!).toISOString()).toBe("2027-03-12T08:15:00.000Z");
    expect(first!.STATUS).toBe("CONFIRMED");
    expect(second!.SUMMARY).toBe("Rendez-vous avec Karim Haddad (Net'Éclat, Montreuil) — table 7");
  });

  it("keeps a cancelled meeting as STATUS:CANCELLED and answers an empty calendar without meetings", () => {
    const { events } = parseIcs(agendaIcs({ eventTitle: "R", venue: "V", sequence: 3, meetings: [meeting("c3", "2027-03-12T08:00:00Z", "2027-03-12T08:15:00Z", { status: "cancelled" })] }));
    expect(events[0]).toMatchObject({ UID: "meeting-c3@proxima", SEQUENCE: "3", STATUS: "CANCELLED" });
    const empty = parseIcs(agendaIcs({ eventTitle: "R", venue: "V", sequence: 0, meetings: [] }));
    expect(empty.events).toEqual([]);
    expect(empty.calendar.VERSION).toBe("2.0");
  });
});
