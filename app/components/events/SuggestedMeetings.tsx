import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";

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

export function SuggestedMeetings({ basis, items, side }: { basis: Basis; items: Item[]; side: "buyer" | "supplier" }) {
  return (
    <section aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Rencontres suggérées</h2>
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
