import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/Button";
import { FormError, TextField } from "~/components/Field";
import { notFound, requireUser } from "~/modules/accounts/guards.server";
import { claimSupplier, findClaim } from "~/modules/sourcing/claims.server";
import { siretField } from "~/modules/suppliers/schemas";
import { invalidForm, parseForm, refusedForm } from "~/lib/forms.server";
import { clientIp, redirectWithFlash } from "~/lib/http.server";
import { policies } from "~/lib/policy";

/**
 * The link mailed to an imported company. Signed-in only: someone who is not signed in is sent to
 * the login page (which links to sign-up) and comes back here afterwards.
 */
export const policy = policies.signedIn;
export const meta: MetaFunction = () => [{ title: "Revendiquer votre fiche — Proxima" }];

const ClaimSchema = z.object({ siret: siretField });

async function loadClaim(token: string | undefined) {
  const claim = token ? await findClaim(token) : undefined;
  if (!claim) throw notFound("Ce lien n'existe pas. Vérifiez qu'il est complet, ou demandez-en un nouveau à l'animateur de votre club.");
  return claim;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const claim = await loadClaim(params.token);
  return { supplierName: claim.supplierName, valid: claim.valid, signedInAs: user.email };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await loadClaim(params.token);
  const { submission } = await parseForm(request, ClaimSchema);
  if (submission.status !== "success") return invalidForm(submission);
  try {
    const claimed = await claimSupplier({ token: params.token!, siret: submission.value.siret, user, ip: clientIp(context) });
    return redirectWithFlash("/fournisseur/profil", {
      type: "success",
      message: `La fiche de ${claimed.organisationName} est maintenant la vôtre : complétez-la pour être trouvé(e) par les acheteurs.`,
    });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function ClaimProfile() {
  const { supplierName, valid, signedInAs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClaimSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="narrow">
      <h1>Revendiquer la fiche de {supplierName}</h1>
      {valid ? (
        <>
          <p>
            Votre club a inscrit cette entreprise sur Proxima. Pour en devenir responsable sur la plateforme et compléter sa fiche, saisissez son numéro SIRET (14 chiffres, sur
            l'extrait Kbis ou sur une facture).
          </p>
          <p className="muted">Vous êtes connecté(e) en tant que {signedInAs}. Vous pourrez ensuite inviter vos collègues.</p>
          <Form method="post" {...getFormProps(form)}>
            <FormError message={form.errors?.join(" ")} />
            <TextField label="SIRET de l'entreprise" inputMode="numeric" autoComplete="off" errors={fields.siret.errors} {...getInputProps(fields.siret, { type: "text" })} />
            <Button type="submit">Revendiquer la fiche</Button>
          </Form>
        </>
      ) : (
        <p className="alert alert-info" role="status">
          Ce lien n'est plus valable : la fiche a déjà été revendiquée, ou le lien a expiré. Demandez-en un nouveau à l'animateur de votre club.
        </p>
      )}
    </div>
  );
}
