import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { CheckboxGroup } from "~/components/CheckboxGroup";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/Field";
import { budgetBands, csrIntents, MAX_QUESTIONS, perimeterKinds, recurrences } from "~/modules/needs/schemas";

export type NeedFormValues = {
  clubId: string;
  title: string;
  description: string;
  categories: string[];
  commune: string;
  perimeterKind: string;
  radiusKm: string;
  departments: string;
  budgetBand: string;
  amount: string;
  responseDeadline: string;
  startDate: string;
  recurrence: string;
  requiredLabels: string[];
  insuranceRequired: boolean;
  referencesRequired: boolean;
  requirementsNote: string;
  csrIntent: string;
  questions: string[];
};

export const emptyNeedValues: NeedFormValues = {
  clubId: "",
  title: "",
  description: "",
  categories: [],
  commune: "",
  perimeterKind: "radius",
  radiusKm: "20",
  departments: "",
  budgetBand: "",
  amount: "",
  responseDeadline: "",
  startDate: "",
  recurrence: "one_off",
  requiredLabels: [],
  insuranceRequired: false,
  referencesRequired: false,
  requirementsNote: "",
  csrIntent: "",
  questions: [],
};

const text = (v: unknown) => (typeof v === "string" ? v : "");
/** conform leaves holes (undefined) where a field was empty: never show them as "undefined". */
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "")) : typeof v === "string" && v ? [v] : []);

/** After a 400 the form shows what the person typed (conform's raw payload). */
export function needValuesFromRaw(raw: unknown): NeedFormValues {
  const v = (raw ?? {}) as Record<string, unknown>;
  return {
    clubId: text(v.clubId),
    title: text(v.title),
    description: text(v.description),
    categories: list(v.categories).filter(Boolean),
    commune: text(v.commune),
    perimeterKind: text(v.perimeterKind) || "radius",
    radiusKm: text(v.radiusKm),
    departments: text(v.departments),
    budgetBand: text(v.budgetBand),
    amount: text(v.amount),
    responseDeadline: text(v.responseDeadline),
    startDate: text(v.startDate),
    recurrence: text(v.recurrence) || "one_off",
    requiredLabels: list(v.requiredLabels).filter(Boolean),
    insuranceRequired: v.insuranceRequired === "on",
    referencesRequired: v.referencesRequired === "on",
    requirementsNote: text(v.requirementsNote),
    csrIntent: text(v.csrIntent),
    questions: list(v.questions),
  };
}

type Option = { slug: string; label: string };

type Props = {
  values: NeedFormValues;
  errors: Record<string, string[] | null> | null;
  formError: string | null;
  clubs: { id: string; name: string }[];
  categories: readonly Option[];
  labels: readonly Option[];
  action?: string;
};

/** The whole need as one server-validated form: "Enregistrer le brouillon" or "Soumettre". */
export function NeedForm({ values, errors, formError, clubs, categories, labels, action }: Props) {
  const e = (name: string) => errors?.[name] ?? undefined;
  const questions = Array.from({ length: MAX_QUESTIONS }, (_, i) => values.questions[i] ?? "");
  const fieldsetError = (name: string) => (e(name) ? <p className="field-error" id={`f-${name}-error`}>{e(name)!.join(" ")}</p> : null);
  return (
    <Form method="post" action={action} noValidate>
      <FormError message={formError} />
      <Card title="Le besoin">
        <SelectField
          label="Club"
          name="clubId"
          defaultValue={values.clubId}
          errors={e("clubId")}
          hint="Le club relaie votre besoin auprès des entreprises de son territoire."
          options={[{ value: "", label: "Choisissez un club" }, ...clubs.map((c) => ({ value: c.id, label: c.name }))]}
          required
        />
        <TextField label="Titre" name="title" defaultValue={values.title} errors={e("title")} required maxLength={150} />
        <TextAreaField label="Description" name="description" rows={6} defaultValue={values.description} errors={e("description")} hint="La prestation, le lieu, les volumes, le calendrier (30 caractères au moins)." />
        <CheckboxGroup
          legend="Catégories d'achat (5 au plus)"
          name="categories"
          options={categories.map((c) => ({ value: c.slug, label: c.label }))}
          checked={values.categories}
          errors={e("categories")}
        />
      </Card>
      <Card title="Lieu et périmètre">
        <div className="grid grid-2">
          <TextField label="Commune de la prestation" name="commune" defaultValue={values.commune} errors={e("commune")} hint="Nom et code postal, par exemple Montreuil (93100)." />
          <SelectField label="Périmètre" name="perimeterKind" defaultValue={values.perimeterKind} errors={e("perimeterKind")} options={perimeterKinds.map((p) => ({ value: p.value, label: p.label }))} />
          <TextField label="Rayon (km)" name="radiusKm" type="number" inputMode="numeric" defaultValue={values.radiusKm} errors={e("radiusKm")} hint="Pour un périmètre en rayon." />
          <TextField label="Départements" name="departments" defaultValue={values.departments} errors={e("departments")} hint="Pour un périmètre en départements : 93, 75, 94." />
        </div>
      </Card>
      <Card title="Budget et calendrier">
        <div className="grid grid-2">
          <SelectField
            label="Tranche de budget"
            name="budgetBand"
            defaultValue={values.budgetBand}
            errors={e("budgetBand")}
            options={[{ value: "", label: "Choisissez une tranche" }, ...budgetBands.map((b) => ({ value: b.value, label: b.label }))]}
          />
          <TextField label="Montant estimé en euros (facultatif)" name="amount" inputMode="decimal" defaultValue={values.amount} errors={e("amount")} />
          <TextField label="Date limite de réponse" name="responseDeadline" type="date" defaultValue={values.responseDeadline} errors={e("responseDeadline")} />
          <TextField label="Démarrage souhaité" name="startDate" type="date" defaultValue={values.startDate} errors={e("startDate")} />
          <SelectField label="Fréquence" name="recurrence" defaultValue={values.recurrence} errors={e("recurrence")} options={recurrences.map((r) => ({ value: r.value, label: r.label }))} />
          <SelectField
            label="Démarche RSE"
            name="csrIntent"
            defaultValue={values.csrIntent}
            errors={e("csrIntent")}
            options={[{ value: "", label: "Choisissez une démarche" }, ...csrIntents.map((c) => ({ value: c.value, label: c.label }))]}
          />
        </div>
      </Card>
      <Card title="Exigences">
        <CheckboxGroup
          legend="Labels demandés"
          name="requiredLabels"
          options={labels.map((l) => ({ value: l.slug, label: l.label }))}
          checked={values.requiredLabels}
          errors={e("requiredLabels")}
        />
        <label className="checkbox">
          <input type="checkbox" name="insuranceRequired" defaultChecked={values.insuranceRequired} />
          Assurance responsabilité civile professionnelle exigée
        </label>
        <label className="checkbox">
          <input type="checkbox" name="referencesRequired" defaultChecked={values.referencesRequired} />
          Références clients demandées
        </label>
        <TextAreaField label="Autres exigences (facultatif)" name="requirementsNote" rows={3} defaultValue={values.requirementsNote} errors={e("requirementsNote")} />
      </Card>
      <Card title="Questions aux fournisseurs (5 au plus)">
        {questions.map((q, i) => (
          <TextField key={i} label={`Question ${i + 1}`} name={`questions[${i}]`} defaultValue={q} errors={e(`questions[${i}]`)} />
        ))}
        {fieldsetError("questions")}
      </Card>
      <div className="actions">
        <Button type="submit" name="intent" value="save" variant="secondary">
          Enregistrer le brouillon
        </Button>
        <Button type="submit" name="intent" value="submit">
          Soumettre le besoin
        </Button>
      </div>
    </Form>
  );
}
