// The API's pure parts: filters to parameterised Cypher, Lucene escaping, cursors and page sizes, the token
// check, and the schema building from schema.graphql.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { bearerMatches } from '../../src/api/auth.js';
import { publicMessage } from '../../src/api/ingest.js';
import { inputProblem, jsonNestingOver } from '../../src/api/limits.js';
import { connection, encodeCursor, offsetAfter, pageSize } from '../../src/api/pagination.js';
import { buildSchema } from '../../src/api/schema.js';
import { luceneQuery } from '../../src/graph/lucene.js';
import { WhereBuilder } from '../../src/graph/queries.js';

describe('where filters', () => {
  it('put every value in a parameter, never in the Cypher text', () => {
    const evil = `x' }) DETACH DELETE n //`;
    const w = new WhereBuilder();
    const cypher = w.build('Quote', 'n', {
      text: { contains: evil, startsWith: evil },
      saidOn: { gte: '2025-05-01' },
      speaker: { name: { eq: evil } },
      OR: [{ kind: { in: ['direct'] } }, { NOT: { outlet: { name: { eq: evil } } } }],
    });
    expect(cypher).not.toContain('DETACH');
    expect(Object.values(w.params)).toEqual(expect.arrayContaining([evil, '2025-05-01', ['direct']]));
    expect(cypher).toContain('toLower(n.text) CONTAINS toLower($w');
    expect(cypher).toContain('n.saidOn >= date($w');
    expect(cypher).toMatch(/EXISTS \{ MATCH \(n\)-\[:ATTRIBUTED_TO\]->\(wv\d+:Speaker\)/);
    expect(cypher).toContain(' OR ');
    expect(cypher).toContain('NOT (');
  });

  it('match topics with their narrower topics, list properties by any element', () => {
    const w = new WhereBuilder();
    const cypher = w.build('Statement', 's', { topic: { id: { eq: 'diplomacy' } }, text: { contains: 'sold' } });
    expect(cypher).toContain('[:BROADER*0..]');
    expect(cypher).toMatch(/any\(wv\d+ IN \[s\.canonical\]/);
  });

  it('are true when empty', () => {
    expect(new WhereBuilder().build('Speaker', 'n', {})).toBe('true');
    expect(new WhereBuilder().build('Speaker', 'n', null)).toBe('true');
    expect(new WhereBuilder().build('Speaker', 'n', { name: { eq: null } })).toBe('true');
  });
});

describe('luceneQuery', () => {
  it('leaves no Lucene syntax of the input in the query', () => {
    expect(luceneQuery('a:b', { fuzzy: false })).toBe('"a b"^4 a b');
    expect(luceneQuery('(x)')).toBe('x');
    expect(luceneQuery('*')).toBe('');
    const q = luceneQuery('Sheinbaum AND "sale" ~2');
    expect(q).not.toMatch(/\bAND\b/);
    expect(q).toContain('and');
    expect(q).not.toContain('~2 ');
  });

  it('boosts the exact phrase of several words', () => {
    expect(luceneQuery('not for sale', { fuzzy: false })).toBe('"not for sale"^4 not for sale');
    expect(luceneQuery('   ')).toBe('');
  });
});

describe('pagination', () => {
  it('round-trips cursors and refuses foreign ones', () => {
    expect(offsetAfter(encodeCursor(41))).toBe(42);
    expect(offsetAfter(null)).toBe(0);
    expect(() => offsetAfter('bm90IGEgY3Vyc29y')).toThrow(/cursor/);
  });

  it('caps page sizes at 100', () => {
    expect(pageSize(undefined, 20)).toBe(20);
    expect(pageSize(100, 20)).toBe(100);
    expect(() => pageSize(101, 20)).toThrow(/between 0 and 100/);
    expect(() => pageSize(-1, 20)).toThrow();
  });

  it('builds edges and page info from size + 1 rows', () => {
    const c = connection(['a', 'b', 'c'], 10, 2, async () => 13);
    expect(c.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true, endCursor: encodeCursor(11) });
  });
});

describe('bearerMatches', () => {
  const token = 'a-token-of-enough-length';
  it('accepts exactly the configured token', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(null, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}`, undefined)).toBe(false);
  });
});

describe('schema', () => {
  it('builds from schema.graphql with a resolver for every field that needs one', () => {
    const schema = buildSchema();
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(
      expect.arrayContaining(['whoSaid', 'quotes', 'statements', 'speakers', 'outlets', 'topics', 'search', 'speaker', 'outlet', 'article', 'statement']),
    );
    expect(Object.keys(schema.getMutationType()!.getFields())).toEqual(['ingestArticles']);
  });
});

describe('input limits', () => {
  const schema = buildSchema();
  const problem = (query: string, variables?: Record<string, unknown>) => inputProblem(schema, parse(query), variables);

  it('walk literals, variables and variables inside literals by their input types', () => {
    expect(problem('{ quotes(where: { text: { contains: "x" } }) { totalCount } }')).toBeNull();
    expect(problem('query ($t: String!) { search(text: $t) { score } }', { t: 'z'.repeat(501) })).toBe('search(text): a string of 501 characters; at most 500');
    expect(problem('query ($s: StringFilter) { topics(where: { OR: [{ name: $s }] }) { totalCount } }', { s: { eq: 'z'.repeat(600) } })).toBe(
      'topics(where) at OR[0].name.eq: a string of 600 characters; at most 500',
    );
    // an article's text may be long, its other fields not
    const input = [{ text: 't'.repeat(150_000), title: 'a title' }];
    expect(problem('mutation ($i: [ArticleInput!]!) { ingestArticles(input: $i) { errors { message } } }', { i: input })).toBeNull();
    expect(problem('mutation ($i: [ArticleInput!]!) { ingestArticles(input: $i) { errors { message } } }', { i: [{ text: 'x', url: 'u'.repeat(501) }] })).toMatch(
      /ingestArticles\(input\) at \[0\]\.url: a string of 501/,
    );
    expect(problem('mutation ($i: [ArticleInput!]!) { ingestArticles(input: $i) { errors { message } } }', { i: Array(21).fill({ text: 'x' }) })).toMatch(
      /a list of 21 items; at most 20/,
    );
  });

  it('leave wrongly shaped values to GraphQL coercion', () => {
    expect(problem('query ($w: QuoteWhere) { quotes(where: $w) { totalCount } }', { w: 'not an object' })).toBeNull();
    expect(problem('query ($w: QuoteWhere) { quotes(where: $w) { totalCount } }', { w: { nosuchfield: { deep: [1, 2, 3] } } })).toBeNull();
  });
});

describe('jsonNestingOver', () => {
  const over = (text: string, max: number) => jsonNestingOver(new TextEncoder().encode(text), max);
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(over('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(over('{"a":[{"b":{}}]}', 3)).toBe(true);
    expect(over('{"a":"[[[[{{{{\\"[[[["}', 1)).toBe(false);
  });
});

describe('publicMessage', () => {
  it('keeps problems with the input, hides what the database or the code said', () => {
    expect(publicMessage({ stage: 'read', files: ['a'], problem: 'text is empty' })).toBe('text is empty');
    const internal = 'Property value is too large to index, please see index documentation for limitations. Index: Index( id=7, name=outlet_name ) element id 4:abc';
    const masked = publicMessage({ stage: 'write', files: ['a'], problem: internal });
    expect(masked).toMatch(/could not be stored \(stage write\); nothing of these inputs was written\. .*reference [0-9a-f]{8}/);
    expect(masked).not.toMatch(/index|element|too large/i);
  });
});
