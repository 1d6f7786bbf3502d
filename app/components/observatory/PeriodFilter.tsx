import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "~/components/Button";
import { TextField } from "~/components/Field";

/** The GET form of a dashboard's period (and, for the territory, its other filters): works without JavaScript. */
export function PeriodFilter({ from, to, errors, children, label = "Filtrer les chiffres" }: { from: string; to: string; errors?: string[] | null; children?: ReactNode; label?: string }) {
  return (
    <Form method="get" className="card no-print" aria-label={label}>
      {errors?.length ? (
        <div className="alert alert-error" role="alert">
          {errors.join(" ")}
        </div>
      ) : null}
      <div className="filters">
        {children}
        <TextField label="Du" name="du" type="date" defaultValue={from} required />
        <TextField label="Au" name="au" type="date" defaultValue={to} required />
      </div>
      <Button type="submit">Afficher</Button>
    </Form>
  );
}
