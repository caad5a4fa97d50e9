/**
 * Errors raised by use cases and domain rules. They say what went wrong in the domain's words;
 * src/http/errors.ts alone turns them into HTTP statuses and Graph's error envelope, so a use case
 * never knows it is being called over HTTP (the CLI calls the same functions).
 */
export type ErrorDetail = { code: string; message: string; target?: string };

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'tooMany' | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly target?: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: malformed, wrong type, unknown enum value, unknown reference, broken rule. */
export class ValidationError extends DomainError {
  readonly kind = 'invalid';
  constructor(message: string, target?: string, details: ErrorDetail[] = [], code = 'Request_BadRequest') {
    super(code, message, target, details);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(message = 'Access token is missing, invalid or expired.') {
    super('InvalidAuthenticationToken', message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(message = 'Insufficient privileges to complete the operation.') {
    super('Authorization_RequestDenied', message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'notFound';
  constructor(what: string, id: string, target?: string) {
    super('Request_ResourceNotFound', `${what} '${id}' does not exist or one of its queried reference-property objects are not present.`, target);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, target?: string, code = 'Request_MultipleObjectsWithSameKeyValue') {
    super(code, message, target);
  }
}

/** A connected system could not do what was asked (unreachable, refusing): its own words say what to fix. */
export class TargetSystemError extends DomainError {
  readonly kind = 'unavailable';
  constructor(message: string) {
    super('serviceNotAvailable', message);
  }
}

/** Asked too often: try again after retryAfterSeconds (one-time codes and their guesses). */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'tooMany';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    target?: string,
  ) {
    super('TooManyRequests', message, target);
  }
}
