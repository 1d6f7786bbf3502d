import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { CheckboxGroup } from "~/components/CheckboxGroup";

/** "Rencontres suggérées" on the participants page: who to meet, why, and a button to ask. No data access. */

type Item = { participantId: string; name: string; organisationName: string; reasons: string[]; needTitle: string | null };
type Basis = "linked_needs" | "open_needs" | "categories" | "supplier_profile" | "none";

const basisText: Record<Basis, string> = {
  linked_needs: "D'après les besoins que vous présentez à cette rencontre.",
  open_needs: "D'après vos besoins publiés encore ouverts.",
  categories: "D'après les catégories de vos besoins passés.",
  supplier_profile: "Les acheteurs dont les besoins correspondent à votre activité.",
  none: "",
};

type LinkableNeed = { id: string; title: string; linked: boolean };

/** A buyer picks the open needs it presents at the event; none ticked = all of them. */
function NeedsPresented({ needs, errors }: { needs: LinkableNeed[]; errors?: string[] | null }) {
  return (
    <details>
      <summary>Besoins présentés à cette rencontre</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="link-needs" />
        <CheckboxGroup
          legend="Vos besoins ouverts"
          name="needs"
          options={needs.map((n) => ({ value: n.id, label: n.title }))}
          checked={needs.filter((n) => n.linked).map((n) => n.id)}
          errors={errors}
          hint="Les suggestions s'appuient sur les besoins cochés ; aucun coché : sur tous vos besoins ouverts."
        />
        <Button type="submit" variant="secondary">
          Enregistrer
        </Button>
      </Form>
    </details>
  );
}

export function SuggestedMeetings({
  basis,
  items,
  side,
  linkable = [],
  linkErrors,
}: {
  basis: Basis;
  items: Item[];
  side: "buyer" | "supplier";
  linkable?: LinkableNeed[];
  linkErrors?: string[] | null;
}) {
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Rencontres suggérées</h2>
      {side === "buyer" && linkable.length ? <NeedsPresented needs={linkable} errors={linkErrors} /> : null}
      {items.length === 0 ? (
        <p className="muted">
          {basis === "none" && side === "buyer"
            ? "Publiez un besoin pour recevoir des suggestions de fournisseurs à rencontrer."
            : "Aucune suggestion pour le moment : parcourez la liste des participants ci-dessous."}
        </p>
      ) : (
        <>
          <p className="muted">{basisText[basis]}</p>
          <div className="grid grid-2">
            {items.map((s) => (
              <Card key={s.participantId} title={`${s.organisationName} — ${s.name}`} headingLevel={3}>
                {s.needTitle ? <p>Pour le besoin « {s.needTitle} »</p> : null}
                <ul aria-label={`Pourquoi rencontrer ${s.organisationName}`}>
                  {s.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <Form method="post">
                  <input type="hidden" name="intent" value="wish" />
                  <input type="hidden" name="toParticipant" value={s.participantId} />
                  <Button type="submit" aria-label={`Demander ce rendez-vous suggéré : ${s.name} (${s.organisationName})`}>
                    Demander ce rendez-vous
                  </Button>
                </Form>
              </Card>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
