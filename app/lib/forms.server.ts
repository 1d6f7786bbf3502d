import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import { DomainError } from "~/lib/errors";

type ReplyOptions = { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] };
/** What the helpers need of a conform submission, whatever its schema. */
type Submission = { reply(options?: ReplyOptions): SubmissionResult<string[]> };

/** Parses a form with its zod schema; the same schema validates in the browser through conform. */
export async function parseForm<Schema extends z.ZodTypeAny>(request: Request, schema: Schema) {
  const formData = await request.formData();
  return { formData, submission: parseWithZod(formData, { schema }) };
}

/** 400 with every field's French message; the page re-renders the form with them. */
export function invalidForm<Extra extends Record<string, unknown> = Record<never, never>>(submission: Submission, extra?: Extra) {
  return data({ ...(extra as Extra), result: submission.reply() }, { status: 400 });
}

/** A service refused the change: its French message goes on the form, or on the named field. */
export function refusedForm<Extra extends Record<string, unknown> = Record<never, never>>(
  submission: Submission,
  error: unknown,
  options: { hideFields?: string[]; extra?: Extra } = {},
) {
  if (!(error instanceof DomainError)) throw error;
  const field = error.details?.field as string | undefined;
  return data(
    {
      ...(options.extra as Extra),
      result: submission.reply({
        ...(field ? { fieldErrors: { [field]: [error.message] } } : { formErrors: [error.message] }),
        hideFields: options.hideFields,
      }),
    },
    { status: error.status },
  );
}
