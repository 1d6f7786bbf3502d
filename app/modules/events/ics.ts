import { createEvents, type EventAttributes } from "ics";

export type IcsMeeting = {
  id: string;
  startsAt: Date | string;
  endsAt: Date | string;
  tableLabel: string;
  counterpartName: string;
  counterpartOrganisation: string;
  status: "scheduled" | "held" | "missed" | "cancelled";
};

export type IcsAgenda = {
  eventTitle: string;
  venue: string;
  url?: string;
  /** The event's published version: SEQUENCE, so calendar apps replace older copies. */
  sequence: number;
  meetings: IcsMeeting[];
};

/** A stable UID per meeting: a re-publication updates the same calendar entry. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@proxima`;
}

/**
 * One VEVENT per meeting, with the table and the counterpart. Cancelled meetings stay in the file
 * as STATUS:CANCELLED so that calendars that imported them remove them.
 */
export function agendaIcs(agenda: IcsAgenda): string {
  const items: EventAttributes[] = agenda.meetings.map((m) => ({
    uid: meetingUid(m.id),
    sequence: agenda.sequence,
    start: new Date(m.startsAt).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(m.endsAt).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: `Rendez-vous avec ${m.counterpartName} (${m.counterpartOrganisation}) — table ${m.tableLabel}`,
    description: `${agenda.eventTitle}\nTable ${m.tableLabel}\nAvec ${m.counterpartName}, ${m.counterpartOrganisation}`,
    location: `${agenda.venue} — table ${m.tableLabel}`,
    status: m.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    busyStatus: m.status === "cancelled" ? "FREE" : "BUSY",
    ...(agenda.url ? { url: agenda.url } : {}),
  }));
  const { error, value } = createEvents(items, { productId: "-//Proxima//Rencontres Business de Proximite//FR", calName: agenda.eventTitle, method: "PUBLISH" });
  if (error || value === null) {
    // With no event the library refuses; an empty calendar is still a valid answer.
    if (items.length === 0) return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Proxima//Rencontres Business de Proximite//FR", "METHOD:PUBLISH", "END:VCALENDAR", ""].join("\r\n");
    throw error ?? new Error("ics: no output");
  }
  return value;
}
