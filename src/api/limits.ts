// Limits on argument values, wherever they come from. graphql-armor's depth, cost and token limits read the
// document only, so a filter sent as a variable (`query($w: QuoteWhere){ quotes(where: $w) … }`) escaped them:
// an OR tree of 36 KB held Neo4j for 35 s. This plugin walks every argument of the operation (inline literals
// with the variables they reference, and whole variables) against its input type before anything executes or is
// coerced, and stops at the first limit passed, so an abusive request costs milliseconds.
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  getNamedType,
  Kind,
  parse,
  TypeInfo,
  valueFromASTUntyped,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { userError } from './errors.js';
import { MAX_ARTICLES, MAX_TEXT } from './ingest.js';

/**
 * Per argument: input-object nesting, values given (fields set plus list items), characters per string, items
 * per list, and for filters the relationships followed (`speaker: { outlet: … }`: each one a subquery per
 * candidate node): how deep one chain goes and how many there are. Measured on the BBC graph (8,600 quotes) on
 * the shared, busy 2-core machine: a chain two deep costs 0.1-0.4 s, three deep 1-6 s, four deep 30 s; the
 * worst filters these limits let through (2 chains two deep, 30 `contains` of 500 characters on article texts)
 * 1.3-2.2 s once planned, where 4 chains took 3.6 s and 90 such `contains` 4.4 s. The transaction timeout
 * (QG_TX_TIMEOUT_MS) stays the last resort.
 */
export const INPUT_LIMITS = { depth: 8, values: 100, string: 500, list: 100, hops: 2, relations: 4 };

/** A filter field that follows a relationship: one whose value is another entity's filter. */
const isRelation = (field: string, type: GraphQLInputType) => {
  const named = getNamedType(type);
  return isInputObjectType(named) && named.name.endsWith('Where') && !['AND', 'OR', 'NOT'].includes(field);
};

/** Input fields that legitimately carry more (schema coordinates). */
const LONGER_STRINGS: Record<string, number> = { 'ArticleInput.text': MAX_TEXT };
const LONGER_LISTS: Record<string, number> = { 'Mutation.ingestArticles(input:)': MAX_ARTICLES };
/** Arguments that legitimately give more values: 20 articles of a few fields and a byline each. */
const MORE_VALUES: Record<string, number> = { 'Mutation.ingestArticles(input:)': MAX_ARTICLES * 30 };

/**
 * JSON nesting a request body may have: the input depth, a list at each level, and the envelope
 * (`{"variables": {"w": …}}`). Checked on the raw bytes before they are parsed: a deep body is refused in
 * microseconds, where parsing 2 MB of it took 50 ms.
 */
export const MAX_JSON_NESTING = 2 * INPUT_LIMITS.depth + 4;

/** True when the JSON text nests objects and arrays deeper than `max` (strings skipped; UTF-8 bytes). */
export function jsonNestingOver(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next byte
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

class LimitError extends Error {}

interface Walk {
  /** `quotes(where:)`: where the value came from, for the message. */
  argument: string;
  values: number;
  maxValues: number;
  relations: number;
}

/** Where the walk is: input objects entered, relationships followed, the input field (schema coordinate). */
interface At {
  depth: number;
  hops: number;
  coordinate: string;
}

/** Throws a LimitError naming the argument, the path inside it and the limit passed. */
function check(type: GraphQLInputType, value: unknown, walk: Walk, path: string, at: At): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return check(type.ofType as GraphQLInputType, value, walk, path, at);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value]; // GraphQL takes a single value for a list
    const max = LONGER_LISTS[at.coordinate] ?? INPUT_LIMITS.list;
    if (items.length > max) fail(walk, path, `a list of ${items.length} items; at most ${max}`);
    items.forEach((item, i) => {
      count(walk, path);
      check(type.ofType as GraphQLInputType, item, walk, `${path}[${i}]`, at);
    });
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // a wrong shape: coercion reports it
    if (at.depth + 1 > INPUT_LIMITS.depth) fail(walk, path, `nested more than ${INPUT_LIMITS.depth} levels deep`);
    const fields = type.getFields();
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (!field || v === null || v === undefined) continue;
      const here = path ? `${path}.${name}` : name;
      count(walk, here);
      const relation = isRelation(name, field.type);
      if (relation && at.hops + 1 > INPUT_LIMITS.hops) fail(walk, here, `follows more than ${INPUT_LIMITS.hops} relationships in a row`);
      if (relation && ++walk.relations > INPUT_LIMITS.relations) fail(walk, here, `more than ${INPUT_LIMITS.relations} relationship filters`);
      check(field.type, v, walk, here, { depth: at.depth + 1, hops: at.hops + (relation ? 1 : 0), coordinate: `${type.name}.${name}` });
    }
    return;
  }
  if ((isScalarType(type) || isEnumType(type)) && typeof value === 'string') {
    const max = LONGER_STRINGS[at.coordinate] ?? INPUT_LIMITS.string;
    if (value.length > max) fail(walk, path, `a string of ${value.length} characters; at most ${max}`);
  }
}

function count(walk: Walk, path: string): void {
  if (++walk.values > walk.maxValues) fail(walk, path, `more than ${walk.maxValues} values (conditions and list items)`);
}

function fail(walk: Walk, path: string, problem: string): never {
  throw new LimitError(`${walk.argument}${path ? ` at ${path}` : ''}: ${problem}`);
}

/** Checks every argument of the document against INPUT_LIMITS; the first problem, or null. */
export function inputProblem(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}): string | null {
  const typeInfo = new TypeInfo(schema);
  try {
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Argument(node) {
          const arg = typeInfo.getArgument();
          if (!arg) return; // unknown argument: validation has reported it
          const owner = typeInfo.getDirective() ? `@${typeInfo.getDirective()!.name}` : `${typeInfo.getParentType()?.name}.${typeInfo.getFieldDef()?.name}`;
          const coordinate = `${owner}(${arg.name}:)`;
          const value = node.value.kind === Kind.VARIABLE ? variables[node.value.name.value] : valueFromASTUntyped(node.value, variables);
          const walk = { argument: `${getFieldLabel(owner)}(${arg.name})`, values: 0, maxValues: MORE_VALUES[coordinate] ?? INPUT_LIMITS.values, relations: 0 };
          check(arg.type, value, walk, '', { depth: 0, hops: 0, coordinate });
          return false; // the value is checked whole; its nodes need no visit
        },
      }),
    );
  } catch (e) {
    if (e instanceof LimitError) return e.message;
    throw e;
  }
  return null;
}

/** `Query.quotes` reads as `quotes`, the way the request wrote it. */
const getFieldLabel = (owner: string) => owner.replace(/^(Query|Mutation)\./, '');

/**
 * The limits as a yoga plugin, first of all: it runs on the request's parameters, before the answer cache hashes
 * the variables (a stable stringify of 2 MB took half a second) and before anything executes. The document is
 * parsed here with the token limit (yoga parses it again, cached); one it cannot parse is left to yoga to report.
 */
export function useInputLimits(schema: GraphQLSchema, maxTokens: number): Plugin {
  return {
    onParams({ params }) {
      if (typeof params.query !== 'string') return;
      let document: DocumentNode;
      try {
        document = parse(params.query, { maxTokens });
      } catch {
        return;
      }
      const variables = params.variables && typeof params.variables === 'object' ? (params.variables as Record<string, unknown>) : {};
      const problem = inputProblem(schema, document, variables);
      // thrown, not set as the result: the other plugins' parameter hooks must not run on this request
      if (problem) throw userError(`input over a limit: ${problem}`);
    },
  };
}
