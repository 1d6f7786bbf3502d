import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/Field";

export type SettingsValues = Record<string, string | undefined>;
type Errors = Record<string, string[] | null | undefined> | null | undefined;

/** The event's settings, as strings for the form (from the saved event or what was typed). */
export function settingsValues(event: {
  title: string;
  description: string;
  venue: string;
  date: string;
  sessions: { name: string; start: string; end: string }[];
  meetingMinutes: number;
  gapMinutes: number;
  breaks: { start: string; end: string }[];
  tablesCount: number;
  tableMode: string;
  capacityBuyers: number;
  capacitySuppliers: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  wishDeadline: string;
  maxWishes: number;
  approvalMode: string;
  ticketPriceCents: number | null;
}): SettingsValues {
  const morning = event.sessions.find((s) => s.name === "morning");
  const afternoon = event.sessions.find((s) => s.name === "afternoon");
  return {
    title: event.title,
    description: event.description,
    venue: event.venue,
    date: event.date,
    morningStart: morning?.start ?? "",
    morningEnd: morning?.end ?? "",
    afternoonStart: afternoon?.start ?? "",
    afternoonEnd: afternoon?.end ?? "",
    meetingMinutes: String(event.meetingMinutes),
    gapMinutes: String(event.gapMinutes),
    breaks: event.breaks.map((b) => `${b.start}-${b.end}`).join(", "),
    tablesCount: String(event.tablesCount),
    tableMode: event.tableMode,
    capacityBuyers: String(event.capacityBuyers),
    capacitySuppliers: String(event.capacitySuppliers),
    registrationOpensAt: event.registrationOpensAt,
    registrationClosesAt: event.registrationClosesAt,
    wishDeadline: event.wishDeadline,
    maxWishes: String(event.maxWishes),
    approvalMode: event.approvalMode,
    ticketPriceEuros: event.ticketPriceCents ? String(event.ticketPriceCents / 100) : "",
  };
}

export function EventSettingsForm({ values, errors, submitLabel, action }: { values: SettingsValues; errors: Errors; submitLabel: string; action?: string }) {
  const e = (name: string) => errors?.[name] ?? undefined;
  const v = (name: string) => values[name] ?? "";
  return (
    <Form method="post" action={action} key={JSON.stringify(values)}>
      <input type="hidden" name="intent" value="settings" />
      <FormError message={errors?.[""]?.join(" ")} />
      <TextField label="Titre" name="title" defaultValue={v("title")} errors={e("title")} required />
      <TextAreaField label="Description" name="description" defaultValue={v("description")} errors={e("description")} rows={3} />
      <TextField label="Lieu (adresse)" name="venue" defaultValue={v("venue")} errors={e("venue")} required />
      <TextField label="Date" name="date" type="date" defaultValue={v("date")} errors={e("date")} required />
      <fieldset>
        <legend>Demi-journées</legend>
        <div className="grid grid-2">
          <TextField label="Matin : début" name="morningStart" type="time" defaultValue={v("morningStart")} errors={e("morningStart")} />
          <TextField label="Matin : fin" name="morningEnd" type="time" defaultValue={v("morningEnd")} errors={e("morningEnd")} />
          <TextField label="Après-midi : début" name="afternoonStart" type="time" defaultValue={v("afternoonStart")} errors={e("afternoonStart")} />
          <TextField label="Après-midi : fin" name="afternoonEnd" type="time" defaultValue={v("afternoonEnd")} errors={e("afternoonEnd")} />
        </div>
        <p className="field-hint">Laissez vide une demi-journée sans rendez-vous.</p>
      </fieldset>
      <div className="grid grid-2">
        <TextField label="Durée d'un rendez-vous (minutes)" name="meetingMinutes" type="number" min={5} max={60} defaultValue={v("meetingMinutes")} errors={e("meetingMinutes")} required />
        <TextField label="Battement entre deux rendez-vous (minutes)" name="gapMinutes" type="number" min={0} max={30} defaultValue={v("gapMinutes")} errors={e("gapMinutes")} />
      </div>
      <TextField label="Pauses" name="breaks" defaultValue={v("breaks")} errors={e("breaks")} hint="Par exemple : 10:30-10:45, 15:30-15:45" />
      <div className="grid grid-2">
        <TextField label="Nombre de tables" name="tablesCount" type="number" min={1} defaultValue={v("tablesCount")} errors={e("tablesCount")} required />
        <SelectField
          label="Placement aux tables"
          name="tableMode"
          defaultValue={v("tableMode") || "auto"}
          errors={e("tableMode")}
          options={[
            { value: "auto", label: "Automatique (chaque acheteur garde sa table s'il y a assez de tables)" },
            { value: "fixed", label: "Chaque acheteur garde sa table, les fournisseurs tournent" },
            { value: "any", label: "Une table libre par rendez-vous" },
          ]}
        />
        <TextField label="Places côté acheteurs" name="capacityBuyers" type="number" min={1} defaultValue={v("capacityBuyers")} errors={e("capacityBuyers")} required />
        <TextField label="Places côté fournisseurs" name="capacitySuppliers" type="number" min={1} defaultValue={v("capacitySuppliers")} errors={e("capacitySuppliers")} required />
        <TextField label="Ouverture des inscriptions" name="registrationOpensAt" type="datetime-local" defaultValue={v("registrationOpensAt")} errors={e("registrationOpensAt")} />
        <TextField label="Clôture des inscriptions" name="registrationClosesAt" type="datetime-local" defaultValue={v("registrationClosesAt")} errors={e("registrationClosesAt")} />
        <TextField label="Date limite des demandes de rendez-vous" name="wishDeadline" type="datetime-local" defaultValue={v("wishDeadline")} errors={e("wishDeadline")} />
        <TextField label="Demandes de rendez-vous par participant (maximum)" name="maxWishes" type="number" min={1} max={50} defaultValue={v("maxWishes")} errors={e("maxWishes")} required />
        <SelectField
          label="Validation des inscriptions"
          name="approvalMode"
          defaultValue={v("approvalMode") || "auto"}
          errors={e("approvalMode")}
          options={[
            { value: "auto", label: "Automatique" },
            { value: "manual", label: "Par l'animateur" },
          ]}
        />
        <TextField label="Prix du billet acheteur (€, facultatif)" name="ticketPriceEuros" type="number" min={0} step="0.01" defaultValue={v("ticketPriceEuros")} errors={e("ticketPriceEuros")} hint="Gratuit si vide ou sans paiement configuré." />
      </div>
      <Button type="submit">{submitLabel}</Button>
    </Form>
  );
}
