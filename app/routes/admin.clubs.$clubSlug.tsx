import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { FormError, TextField } from "~/components/Field";
import { notFound, requireAdmin } from "~/modules/accounts/guards.server";
import { addClubAnimator, clubAnimators, clubQpvList, getClubBySlug, removeClubAnimator } from "~/modules/organisations/clubs.server";
import { AddAnimatorSchema } from "~/modules/organisations/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.admin;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.club.name ?? "Club"} — Administration — Proxima` }];

async function loadClub(slug: string | undefined) {
  const club = slug ? await getClubBySlug(slug) : undefined;
  if (!club) throw notFound("Ce club n'existe pas.");
  return club;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const club = await loadClub(params.clubSlug);
  const [animators, qpvs] = await Promise.all([clubAnimators(club.id), clubQpvList(club.id)]);
  return { club, animators, qpvs };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const club = await loadClub(params.clubSlug);
  const url = new URL(request.url);
  if (url.searchParams.get("intent") === "remove") {
    const form = await request.formData();
    await removeClubAnimator({ clubId: club.id, userId: String(form.get("userId") ?? "") });
    return redirectWithFlash(`/admin/clubs/${club.slug}`, { type: "success", message: "Animateur retiré du club." });
  }
  const { submission } = await parseForm(request, AddAnimatorSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const result = await addClubAnimator({ clubId: club.id, email: submission.value.email, adminId: admin.id });
    const message = result.status === "added" ? "Animateur ajouté au club." : "Cette adresse n'a pas de compte : une invitation lui a été envoyée.";
    return redirectWithFlash(`/admin/clubs/${club.slug}`, { type: "success", message });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function AdminClub() {
  const { club, animators, qpvs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddAnimatorSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <p>
        <Link to="/admin/clubs">← Tous les clubs</Link>
      </p>
      <h1>{club.name}</h1>
      <p>
        EPCI : {club.epciName} ({club.epciSiren}) — <Link to={`/clubs/${club.slug}`}>espace du club</Link>
      </p>
      <div className="grid grid-2">
        <Card title="Animateurs">
          {animators.length ? (
            <ul>
              {animators.map((a) => (
                <li key={a.id}>
                  {a.displayName} ({a.email})
                  <Form method="post" action="?intent=remove" className="actions">
                    <input type="hidden" name="userId" value={a.id} />
                    <Button type="submit" variant="link" aria-label={`Retirer ${a.displayName}`}>
                      Retirer
                    </Button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun animateur pour l'instant.</p>
          )}
          <Form method="post" {...getFormProps(form)}>
            <FormError message={form.errors?.join(" ")} />
            <TextField label="Adresse e-mail de l'animateur" errors={fields.email.errors} {...getInputProps(fields.email, { type: "email" })} />
            <Button type="submit">Nommer animateur</Button>
          </Form>
        </Card>
        <Card title={`QPV couverts (${qpvs.length})`}>
          <ul>
            {qpvs.map((q) => (
              <li key={q.code}>
                {q.name} — {q.communeNames} <span className="muted">({q.code})</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
