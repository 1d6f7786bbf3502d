export type DomainErrorCode = "not_found" | "forbidden" | "conflict" | "invalid" | "rate_limited" | "unauthenticated" | "unavailable" | "gone";

const statusByCode: Record<DomainErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  invalid: 400,
  rate_limited: 429,
  unauthenticated: 401,
  unavailable: 503,
  gone: 410,
};

/** The one error services throw; the edge turns it into a response with its French message. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }

  get status(): number {
    return statusByCode[this.code];
  }
}
