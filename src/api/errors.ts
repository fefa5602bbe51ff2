// User errors keep their message and a code; anything else is masked by Yoga as "Unexpected error.".
import { createGraphQLError } from 'graphql-yoga';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const STATUS: Record<ErrorCode, number> = { BAD_USER_INPUT: 200, NOT_FOUND: 200, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

export function userError(message: string, code: ErrorCode = 'BAD_USER_INPUT') {
  return createGraphQLError(message, { extensions: { code, http: { status: STATUS[code] } } });
}
