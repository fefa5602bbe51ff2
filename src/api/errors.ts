// User errors keep their message and a code; a database that does not answer is a 503 in one sentence; anything
// else is answered as "Unexpected error." (yoga logs it).
import { GraphQLError } from 'graphql';
import { createGraphQLError, maskError as yogaMaskError } from 'graphql-yoga';
import { connectionLost } from '../db/driver.js';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'SERVICE_UNAVAILABLE';

const STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 200, NOT_FOUND: 200, UNAUTHENTICATED: 401, FORBIDDEN: 403, SERVICE_UNAVAILABLE: 503 };

export function userError(message: string, code: ErrorCode = 'BAD_USER_INPUT') {
  return createGraphQLError(message, { extensions: { code, http: { status: STATUS[code] } } });
}

/**
 * Yoga's masking, never in its development mode (which answers stacks and driver messages), and without the
 * `originalError` excerpt yoga's own request errors carry ("POST body sent invalid JSON." quoted the body).
 */
export function maskError(error: unknown, message: string): Error {
  // the database gone (stopped, restarting, unreachable) is the one internal failure a client can act on: retry later
  if (error instanceof GraphQLError && connectionLost(error.originalError)) {
    return createGraphQLError('the graph database does not answer: try again shortly', {
      nodes: error.nodes,
      path: error.path,
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: STATUS.SERVICE_UNAVAILABLE } },
    });
  }
  const masked = yogaMaskError(error, message, false);
  if (masked !== error) return masked;
  // changed in place: yoga logs any other object it gets back as an internal error
  const extensions = error instanceof GraphQLError ? (error.extensions as Record<string, any>) : null;
  if (extensions && 'originalError' in extensions) {
    delete extensions.originalError;
    // yoga only keeps such an error's status (400) while the excerpt is there; it stays without it
    if (extensions.http) delete extensions.http.spec;
  }
  return error as Error;
}
