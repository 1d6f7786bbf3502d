import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { emptyNeedValues, NeedForm, needValuesFromRaw } from "~/components/needs/NeedForm";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { listClubsForNeeds, saveNeed } from "~/modules/needs/needs.server";
import { NeedFormSchema } from "~/modules/needs/schemas";
import { listCategories } from "~/modules/suppliers/categories";
import { LABELS } from "~/modules/suppliers/labels";
import { invalidForm, refusedForm } from "~/lib/forms.server";
import { redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;
export const meta: MetaFunction = () => [{ title: "Nouveau besoin d'achat — Proxima" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBuyer(request);
  return {
    clubs: await listClubsForNeeds(),
    categories: listCategories().map((c) => ({ slug: c.slug, label: c.label })),
    labels: LABELS.map((l) => ({ slug: l.slug, label: l.label })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, organisation } = await requireBuyer(request);
  const submission = parseWithZod(await request.formData(), { schema: NeedFormSchema });
  if (submission.status !== "success") return invalidForm(submission);
  let need;
  try {
    need = await saveNeed({ buyerOrgId: organisation.organisationId, actorId: user.id, form: submission.value });
  } catch (error) {
    return refusedForm(submission, error);
  }
  const message =
    need.status === "draft"
      ? "Brouillon enregistré : vous pourrez le reprendre plus tard."
      : need.status === "submitted"
        ? "Besoin soumis : l'animateur du club le valide avant publication."
        : "Besoin publié : les fournisseurs correspondants sont prévenus.";
  return redirectWithFlash(`/acheteur/besoins/${need.id}`, { type: "success", message });
}

export default function NewNeed() {
  const { clubs, categories, labels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const result = actionData?.result;
  const values = result?.initialValue ? needValuesFromRaw(result.initialValue) : { ...emptyNeedValues, clubId: clubs.length === 1 ? clubs[0]!.id : "" };
  return (
    <>
      <p>
        <Link to="/acheteur/besoins">← Mes besoins</Link>
      </p>
      <h1>Nouveau besoin d'achat</h1>
      <p>Enregistrez un brouillon à tout moment ; soumettez le besoin quand il est complet.</p>
      <NeedForm values={values} errors={result?.error ?? null} formError={result?.error?.[""]?.join(" ") ?? null} clubs={clubs} categories={categories} labels={labels} />
    </>
  );
}
