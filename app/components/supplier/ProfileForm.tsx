import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { CheckboxGroup } from "~/components/CheckboxGroup";
import { CommuneSuggestions } from "~/components/CommuneSuggestions";
import { FormError, SelectField, TextAreaField, TextField } from "~/components/Field";

export type ProfileFormValues = {
  legalName: string;
  tradeName: string | null;
  legalForm: string | null;
  nafCode: string | null;
  yearFounded: number | null;
  headcountBand: string | null;
  description: string;
  categories: string[];
  labels: string[];
  services: { title: string; description: string }[];
  references: { client: string; year: number | null; description: string }[];
  website: string | null;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  commune: string;
  zoneKind: "radius" | "departments" | "national";
  zoneRadiusKm: number;
  zoneDepartments: string[];
  qpvCode: string | null;
};

type Props = {
  values: ProfileFormValues;
  errors: Record<string, string[] | null> | null;
  formError: string | null;
  categories: readonly { slug: string; label: string }[];
  labels: readonly { slug: string; label: string }[];
  qpvOptions: { code: string; name: string }[];
  suggestedCategories: string[];
};

const headcountBands = ["", "0 salarié", "1 à 2 salariés", "3 à 5 salariés", "6 à 9 salariés", "10 à 19 salariés", "20 à 49 salariés", "50 à 99 salariés", "100 à 199 salariés", "200 salariés et plus"];

/** The whole profile as one server-validated form: it works without JavaScript. */
export function ProfileForm({ values, errors, formError, categories, labels, qpvOptions, suggestedCategories }: Props) {
  const e = (name: string) => errors?.[name] ?? undefined;
  const services = [...values.services, ...Array.from({ length: Math.max(2, 6 - values.services.length) }, () => ({ title: "", description: "" }))].slice(0, 8);
  const references = [...values.references, ...Array.from({ length: Math.max(1, 4 - values.references.length) }, () => ({ client: "", year: null, description: "" }))].slice(0, 6);
  return (
    <Form method="post" action="?intent=profile" noValidate>
      <FormError message={formError} />
      <Card title="Identité">
        <div className="grid grid-2">
          <TextField label="Raison sociale" name="legalName" defaultValue={values.legalName} errors={e("legalName")} required />
          <TextField label="Nom commercial (enseigne)" name="tradeName" defaultValue={values.tradeName ?? ""} errors={e("tradeName")} />
          <TextField label="Forme juridique" name="legalForm" defaultValue={values.legalForm ?? ""} hint="Par exemple SARL, SAS, association, EI." errors={e("legalForm")} />
          <TextField label="Code NAF" name="nafCode" defaultValue={values.nafCode ?? ""} hint="Par exemple 8121Z (il figure sur votre avis de situation INSEE)." errors={e("nafCode")} />
          <TextField label="Année de création" name="yearFounded" type="number" inputMode="numeric" defaultValue={values.yearFounded ?? ""} errors={e("yearFounded")} />
          <SelectField
            label="Effectif"
            name="headcountBand"
            defaultValue={values.headcountBand ?? ""}
            errors={e("headcountBand")}
            options={headcountBands.map((b) => ({ value: b, label: b || "Non précisé" }))}
          />
        </div>
      </Card>
      <Card title="Activité">
        <CheckboxGroup
          legend="Catégories d'achat (8 au plus)"
          name="categories"
          options={categories.map((c) => ({ value: c.slug, label: c.label }))}
          checked={values.categories}
          errors={e("categories")}
          hint={suggestedCategories.length ? `Suggérées d'après votre code NAF : ${suggestedCategories.map((s) => categories.find((c) => c.slug === s)?.label ?? s).join(", ")}.` : null}
        />
        <TextAreaField label="Présentation de l'entreprise" name="description" rows={6} defaultValue={values.description} hint="Ce que vous faites, pour qui, vos points forts (100 caractères au moins)." errors={e("description")} />
        <fieldset>
          <legend>Services proposés</legend>
          {services.map((s, i) => (
            <div className="grid grid-2" key={i}>
              <TextField label={`Service ${i + 1} : titre`} name={`services[${i}].title`} defaultValue={s.title} errors={e(`services[${i}].title`)} />
              <TextField label={`Service ${i + 1} : description courte`} name={`services[${i}].description`} defaultValue={s.description} errors={e(`services[${i}].description`)} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Références clients</legend>
          {references.map((r, i) => (
            <div className="grid grid-3" key={i}>
              <TextField label={`Référence ${i + 1} : client`} name={`references[${i}].client`} defaultValue={r.client} errors={e(`references[${i}].client`)} />
              <TextField label={`Référence ${i + 1} : année`} name={`references[${i}].year`} type="number" inputMode="numeric" defaultValue={r.year ?? ""} errors={e(`references[${i}].year`)} />
              <TextField label={`Référence ${i + 1} : prestation`} name={`references[${i}].description`} defaultValue={r.description} errors={e(`references[${i}].description`)} />
            </div>
          ))}
        </fieldset>
        <CheckboxGroup legend="Labels et agréments" name="labels" options={labels.map((l) => ({ value: l.slug, label: l.label }))} checked={values.labels} errors={e("labels")} />
      </Card>
      <Card title="Contact">
        <div className="grid grid-2">
          <TextField label="Personne à contacter" name="contactName" defaultValue={values.contactName ?? ""} errors={e("contactName")} autoComplete="name" />
          <TextField label="E-mail de contact" name="email" type="email" defaultValue={values.email ?? ""} errors={e("email")} autoComplete="email" />
          <TextField label="Téléphone" name="phone" type="tel" defaultValue={values.phone ?? ""} errors={e("phone")} autoComplete="tel" />
          <TextField label="Site web" name="website" type="url" defaultValue={values.website ?? ""} errors={e("website")} />
        </div>
      </Card>
      <Card title="Localisation et zone d'intervention">
        <div className="grid grid-2">
          <TextField label="Adresse" name="address" defaultValue={values.address ?? ""} errors={e("address")} autoComplete="street-address" />
          <TextField
            label="Commune"
            name="commune"
            defaultValue={values.commune}
            hint="Nom et code postal, par exemple « Montreuil (93100) »."
            errors={e("commune")}
            list="communes-suggestions"
            autoComplete="off"
            data-commune-autocomplete=""
          />
        </div>
        <CommuneSuggestions />
        <fieldset>
          <legend>Zone d'intervention</legend>
          {([
            ["radius", "Dans un rayon autour de ma commune"],
            ["departments", "Dans certains départements"],
            ["national", "Partout en France"],
          ] as const).map(([value, label]) => (
            <label className="checkbox" key={value}>
              <input type="radio" name="zoneKind" value={value} defaultChecked={values.zoneKind === value} />
              {label}
            </label>
          ))}
          <div className="grid grid-2">
            <TextField label="Rayon (km)" name="zoneRadiusKm" type="number" inputMode="numeric" defaultValue={values.zoneRadiusKm} errors={e("zoneRadiusKm")} />
            <TextField label="Départements" name="zoneDepartments" defaultValue={values.zoneDepartments.join(", ")} hint="Par exemple 93, 94, 75." errors={e("zoneDepartments")} />
          </div>
        </fieldset>
        <SelectField
          label="Quartier prioritaire (QPV) où se trouvent vos locaux"
          name="qpvCode"
          defaultValue={values.qpvCode ?? ""}
          errors={e("qpvCode")}
          hint={qpvOptions.length ? "L'animateur de votre club vérifiera votre déclaration." : "Enregistrez d'abord votre commune pour voir ses quartiers prioritaires."}
          options={[{ value: "", label: "Aucun / je ne sais pas" }, ...qpvOptions.map((q) => ({ value: q.code, label: q.name }))]}
        />
      </Card>
      <div className="actions">
        <Button type="submit">Enregistrer la fiche</Button>
      </div>
    </Form>
  );
}
