import { Form } from "@remix-run/react";
import { Button } from "~/components/Button";
import { Card } from "~/components/Card";
import { formatDateTime } from "~/lib/format";

type Batch = { position: number; size: number; createdAt: string | Date; sentByName: string | null };

function suppliersWord(n: number): string {
  return n <= 1 ? `${n} fournisseur` : `${n} fournisseurs`;
}

/**
 * The batches of matched suppliers notified for a need (who, when, how many) and, while it is
 * published, how many matched suppliers remain with the button that sends the next batch.
 */
export function NeedBatches({ batches, remaining, batchSize }: { batches: Batch[]; remaining: number | null; batchSize: number }) {
  if (batches.length === 0 && remaining === null) return null;
  const next = remaining === null ? 0 : Math.min(remaining, batchSize);
  return (
    <Card title="Fournisseurs prévenus">
      {batches.length ? (
        <ol>
          {batches.map((b) => (
            <li key={b.position}>
              {b.position === 1 ? "À la publication" : `Envoi n° ${b.position}`}, le {formatDateTime(b.createdAt)} : {suppliersWord(b.size)} prévenu{b.size > 1 ? "s" : ""}
              {b.sentByName ? ` (par ${b.sentByName})` : ""}
            </li>
          ))}
        </ol>
      ) : null}
      {remaining === null ? null : remaining === 0 ? (
        <p>Tous les fournisseurs correspondants ont été prévenus.</p>
      ) : (
        <>
          <p>
            {remaining === 1 ? "1 autre fournisseur correspond" : `${remaining} autres fournisseurs correspondent`} à ce besoin sans avoir encore été prévenu
            {remaining > 1 ? "s" : ""}.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="next-batch" />
            <Button type="submit" variant="secondary">
              {next === 1 ? "Prévenir le fournisseur suivant" : `Prévenir les ${next} fournisseurs suivants`}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
