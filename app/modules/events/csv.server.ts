import { meetingsOfEvent, meetingStatusLabel } from "./agenda.server";
import { toCsv } from "~/lib/csv-write";
import { formatTime } from "~/lib/format";

/** The grid as CSV (French spreadsheet settings): one line per meeting, in slot then table order. */
export async function gridCsv(eventId: string): Promise<string> {
  const rows = await meetingsOfEvent(eventId);
  return toCsv(
    ["Créneau", "Début", "Fin", "Table", "Participant A", "Organisation A", "Participant B", "Organisation B", "Statut", "Verrouillé"],
    rows.map((m) => [
      m.position,
      formatTime(m.startsAt),
      formatTime(m.endsAt),
      m.tableLabel,
      m.aName,
      m.aOrganisation,
      m.bName,
      m.bOrganisation,
      meetingStatusLabel[m.status],
      m.locked ? "oui" : "non",
    ]),
    { delimiter: ";", bom: true, neutralizeFormulas: true },
  );
}
