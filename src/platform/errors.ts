import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';

// A missing field reads "email: required" rather than zod's "expected string, received undefined".
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined) });

/** The closed list of error codes the API can answer with, and the status each one carries. */
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  second_factor_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const errorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Response schemas for the errors every route may answer with, for the OpenAPI description. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
} as const;

function describeValidation(error: FastifyError): string {
  const where = error.validationContext ?? 'request';
  const parts = (error.validation ?? []).map((issue) => {
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    return field ? `${field}: ${issue.message}` : `${where}: ${issue.message}`;
  });
  return parts.join('; ') || `${where}: invalid`;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

interface DatabaseFailure {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
}

/**
 * A constraint the database enforced, said as a client error naming the field: a request that
 * names a missing agency, takes a slug already taken, or deletes a row still in use is the
 * caller's mistake, not a 500. The value itself is never repeated (it may be personal).
 */
export function fromConstraint(thrown: unknown): AppError | undefined {
  const error = (thrown ?? {}) as DatabaseFailure;
  const key = error.detail?.match(/^Key \(([^)]+)\)=/)?.[1];
  const field = key ? key.split(', ').map(camel).join(', ') : undefined;
  switch (error.code) {
    case '23503': {
      const other = error.detail?.match(/table "([^"]+)"/)?.[1] ?? 'another table';
      if (error.detail?.includes('is still referenced'))
        return new AppError('conflict', `this record is still used by ${other.replaceAll('_', ' ')} records: remove those first`);
      return new AppError('bad_request', `${field ?? 'a reference'}: no ${other.replaceAll('_', ' ')} with that id`);
    }
    case '23505':
      return new AppError('conflict', `${field ?? 'a value'}: already taken`);
    case '23502':
      return new AppError('bad_request', `${error.column ? camel(error.column) : 'a field'}: required`);
    case '23514':
      return new AppError('bad_request', `a value breaks the rule ${error.constraint ?? 'of this table'}`);
    default:
      return undefined;
  }
}

/** Where in a request's params, query or body a string holds a NUL character, which PostgreSQL text cannot store. */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'request' : undefined;
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path || 'request';
    const found = findNul(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** One handler turns every failure into `{ error: { code, message } }`; a 5xx never shows its inside. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    const constraint = fromConstraint(error);
    if (constraint) return reply.status(constraint.status).send({ error: { code: constraint.code, message: constraint.message } });
    if (hasZodFastifySchemaValidationErrors(error) || error.validation) {
      return reply.status(400).send({ error: { code: 'bad_request', message: describeValidation(error) } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'request body is too large' } });
    }
    if (status === 415) {
      const type = String(request.headers['content-type'] ?? 'none').split(';')[0];
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `Content-Type: "${type}" is not accepted here` } });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type): safe to name.
      return reply.status(400).send({ error: { code: 'bad_request', message: error.message } });
    }
    // The message is left out: a database error can quote the value that failed, and values may be personal.
    const frames = error.stack?.split('\n').slice(1).join('\n');
    request.log.error({ err: { type: error.name, code: error.code, frames } }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'something went wrong on our side' } });
  });
  // After validation, before any handler: a NUL character anywhere is bad input, not a 500 from the database.
  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findNul(part, '');
      if (field) throw new AppError('bad_request', `${field}: a NUL character is not allowed`);
    }
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
