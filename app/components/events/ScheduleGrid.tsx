import { formatTime } from "~/lib/format";

type GridMeeting = { id: string; slotId: string; tableLabel: string; aName: string; bName: string; aOrganisation: string; bOrganisation: string; locked: boolean; status: string };

/** The grid slots × tables; each cell names both sides of its meeting. */
export function ScheduleGrid({ slots, tables, meetings, caption = "Grille des rendez-vous (créneaux × tables)" }: { slots: { id: string; startsAt: string | Date; endsAt: string | Date }[]; tables: string[]; meetings: GridMeeting[]; caption?: string }) {
  const at = new Map(meetings.map((m) => [`${m.slotId}|${m.tableLabel}`, m]));
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Créneau</th>
            {tables.map((t) => (
              <th scope="col" key={t}>
                Table {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slots.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
              </th>
              {tables.map((t) => {
                const m = at.get(`${s.id}|${t}`);
                return (
                  <td key={t}>
                    {m ? (
                      <>
                        {m.aName} <span className="muted">({m.aOrganisation})</span>
                        <br />
                        {m.bName} <span className="muted">({m.bOrganisation})</span>
                        {m.locked ? (
                          <>
                            <br />
                            <small>verrouillé</small>
                          </>
                        ) : null}
                        {m.status === "held" ? (
                          <>
                            <br />
                            <small>a eu lieu</small>
                          </>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">libre</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
