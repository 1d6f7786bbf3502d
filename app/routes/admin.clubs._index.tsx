import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { DataTable } from "~/components/DataTable";
import { FormError, TextAreaField, TextField } from "~/components/Field";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { createClub, listClubs } from "~/modules/organisations/clubs.server";
import { CreateClubSchema } from "~/modules/organisations/schemas";
import { searchEpcis } from "~/modules/reference/reference.server";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction = () => [{ title: "Clubs — Administration — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const epciQuery = new URL(request.url).searchParams.get("epci") ?? "";
  return { clubs: await listClubs(), epciQuery, epcis: epciQuery ? await searchEpcis(epciQuery) : [] };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAdmin(request);
  const { submission } = await parseForm(request, CreateClubSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const club = await createClub(submission.value);
    return redirectWithFlash(`/admin/clubs/${club.slug}`, { type: "success", message: `Club « ${club.name} » créé.` });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function AdminClubs() {
  const { clubs, epciQuery, epcis } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateClubSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <h1>Clubs</h1>
      <DataTable
        caption="Clubs de la plateforme"
        rows={clubs}
        rowKey={(c) => c.id}
        columns={[
          { header: "Club", cell: (c) => <Link to={`/admin/clubs/${c.slug}`}>{c.name}</Link> },
          { header: "EPCI", cell: (c) => c.epciName },
          { header: "QPV", cell: (c) => c.qpvCount, numeric: true },
          { header: "Animateurs", cell: (c) => c.animatorCount, numeric: true },
        ]}
      />
      <div className="grid grid-2">
        <Card title="Trouver le code d'un EPCI">
          <Form method="get" role="search">
            <TextField label="Nom de l'EPCI" name="epci" type="search" defaultValue={epciQuery} />
            <Button type="submit" variant="secondary">
              Chercher
            </Button>
          </Form>
          {epcis.length ? (
            <ul>
              {epcis.map((e) => (
                <li key={e.siren}>
                  {e.name} : <code>{e.siren}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        <Card title="Créer un club">
          <Form method="post" {...getFormProps(form)}>
            <FormError message={form.errors?.join(" ")} />
            <TextField label="Nom du club" errors={fields.name.errors} {...getInputProps(fields.name, { type: "text" })} />
            <TextField label="Code SIREN de l'EPCI" hint="9 chiffres, par exemple 200057875 pour Est Ensemble." errors={fields.epciSiren.errors} {...getInputProps(fields.epciSiren, { type: "text" })} inputMode="numeric" />
            <TextAreaField
              label="Codes des QPV couverts"
              hint="Séparés par des virgules. Laissez vide pour couvrir tous les QPV de l'EPCI."
              errors={fields.qpvCodes.errors}
              {...getTextareaProps(fields.qpvCodes)}
            />
            <TextAreaField label="Description" errors={fields.description.errors} {...getTextareaProps(fields.description)} />
            <Button type="submit">Créer le club</Button>
          </Form>
        </Card>
      </div>
    </>
  );
}
