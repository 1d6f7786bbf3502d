import { DomainError } from "~/lib/errors";

/** In a loader: a service's DomainError (404 for another organisation's need…) becomes that response. */
export async function orResponse<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DomainError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
