import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, TooManyRequestsError, type ErrorDetail, type ErrorKind } from '../domain/errors.js';
import { ODataSyntaxError } from './odata/odata-syntax-error.js';

/**
 * The one file that knows HTTP status codes. Every failure leaves Tessera in Graph's error
 * envelope: {"error":{"code","message","target"?,"details"?,"innerError":{"request-id","date"}}}.
 */
const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooMany: 429,
  unavailable: 503,
};

type GraphError = { status: number; code: string; message: string; target?: string; details?: ErrorDetail[]; retryAfterSeconds?: number };

export function toGraphError(error: unknown, bodyLimitBytes: number): GraphError {
  if (error instanceof DomainError) {
    return {
      status: statusByKind[error.kind],
      code: error.code,
      message: error.message,
      ...(error.target ? { target: error.target } : {}),
      ...(error.details.length ? { details: error.details } : {}),
      ...(error instanceof TooManyRequestsError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  if (error instanceof ODataSyntaxError) {
    return { status: 400, code: 'BadRequest', message: error.message, target: error.option };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { code: 'invalidValue', message: `${path || where}: ${issue.message}`, target: path || where };
    });
    const first = details[0]!;
    return { status: 400, code: 'Request_BadRequest', message: `Invalid ${where}: ${first.message}`, target: first.target, details };
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 400, code: 'Request_BadRequest', message: `The request body is larger than the limit of ${bodyLimitBytes} bytes.` };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'Request_BadRequest', message: `The request body is not valid JSON: ${fastifyError.message}` };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'Request_UnsupportedMediaType', message: 'Send the request body as application/json.' };
    case 'FST_ERR_NOT_FOUND':
      return { status: 404, code: 'Request_ResourceNotFound', message: 'No such resource.' };
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, code: 'Request_BadRequest', message: fastifyError.message ?? 'Bad request.' };
  }
  return { status: 500, code: 'generalException', message: 'An unexpected error occurred. The request id identifies it in the server log.' };
}

export function sendGraphError(request: FastifyRequest, reply: FastifyReply, error: GraphError): FastifyReply {
  const { status, retryAfterSeconds, ...body } = error;
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  return reply.status(status).send({
    error: { ...body, innerError: { 'request-id': request.id ?? randomUUID(), date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } },
  });
}
