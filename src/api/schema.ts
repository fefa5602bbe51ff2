// The executable schema: the contract in schema.graphql (schema first) with the resolvers of this folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ROOT } from '../config.js';
import { resolvers } from './resolvers.js';

export const typeDefs = readFileSync(join(ROOT, 'schema.graphql'), 'utf8');

export function buildSchema() {
  return makeExecutableSchema({
    typeDefs,
    resolvers,
    // a resolver for a field the contract does not have is a bug: fail at start, not at request time
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
