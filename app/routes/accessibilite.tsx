import type { MetaFunction } from "@remix-run/node";
import { policies } from "~/lib/policy";

export const policy = policies.public;
export const meta: MetaFunction = () => [{ title: "Déclaration d'accessibilité — Proxima" }];

export default function Accessibility() {
  return (
    <div className="narrow">
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Proxima s'engage à rendre son service accessible conformément au référentiel général d'amélioration de l'accessibilité (RGAA 4.1).
        Chaque page est vérifiée automatiquement (axe) lors des tests : aucune non-conformité grave n'est acceptée.
      </p>
      <h2>État de conformité</h2>
      <p>Le service est partiellement conforme : aucun audit humain complet n'a encore été réalisé.</p>
      <h2>Signaler un problème</h2>
      <p>Si vous ne pouvez pas accéder à un contenu ou à un service, contactez l'animateur de votre club : il vous répondra sous une semaine.</p>
    </div>
  );
}
