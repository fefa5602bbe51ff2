// The page talks to the public GraphQL API only (POST /graphql), like any other client would.
// The API prices queries (graphql-armor): a literal `first: N` multiplies its subtree's cost by N, so lists use the
// server's defaults unless the page really needs more.

export async function gql(query, variables = {}) {
  const res = await fetch('graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`the API answered ${res.status} ${res.statusText}`);
  }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** The cursor of the item at `offset` (the API's Relay cursors are offsets, as @neo4j/graphql makes them). */
export const cursorAt = (offset) => btoa(`arrayconnection:${offset}`);

const OCCASION = 'occasion { id kind date place medium }';

const STATEMENT_CARD = `
  id canonical saidOn reportCount ${OCCASION}
  topics { id name }
  reports { date outlet { key name } }`;

export const TOPICS = `
query Topics {
  topics(first: 100, sort: [{ statementCount: DESC }, { name: ASC }]) {
    edges { node { id name description statementCount broader { id name } } }
  }
  outlets(first: 100, sort: [{ articleCount: DESC }, { name: ASC }]) {
    edges { node { key name } }
  }
}`;

export const WHO_SAID = `
query WhoSaid($topic: String!, $where: StatementWhere, $after: String, $withOutlets: Boolean!) {
  whoSaid(topic: $topic, where: $where, after: $after) {
    topic { id name description }
    covers { id name }
    totalCount statementCount
    pageInfo { hasNextPage endCursor }
    outlets @include(if: $withOutlets) { outlet { key name } count }
    speakers {
      speaker { id name type roles }
      statements { ${STATEMENT_CARD} }
    }
  }
}`;

export const SEARCH = `
query Search($text: String!, $after: String) {
  searchResults(text: $text, after: $after) {
    query { kinds phrases words }
    totalCount totalIsLowerBound
    pageInfo { hasNextPage endCursor }
    edges { node {
      kind score exact text highlights { start end }
      node {
        __typename
        ... on Quote { id statement { id } speaker { id name } article { id caption published outlet { key name } } }
        ... on Statement { id speaker { id name } }
        ... on Speaker { id name roles statementCount }
        ... on Article { id caption published outlet { key name } }
      }
    } }
  }
}`;

/** The statements a search found, with speakers, to draw them like a topic's answer. */
export const STATEMENTS = `
query Statements($where: StatementWhere!) {
  statements(where: $where, first: 30, sort: [{ saidOn: ASC }]) {
    edges { node { ${STATEMENT_CARD} speaker { id name type roles } } }
  }
}`;

/** A report's provenance: where it was published, how the speaker was named, how sure the attribution is. */
const REPORT = `
  date wording difference
  outlet { key name }
  quote { id start end kind cue confidence saidOn saidOnFrom mention { text role } }
  article { id caption title url file published byline opening }`;

export const STATEMENT = `
query Statement($id: ID!) {
  statement(id: $id) {
    id canonical saidOn reportCount ${OCCASION}
    speaker { id name roles }
    topics { id name }
    reports { ${REPORT} changes { value op } }
  }
}`;

/** The rows of a download: every report of these statements. */
export const EXPORT = `
query Export($ids: [ID!]!) {
  statements(where: { id: { in: $ids } }, first: 25) {
    edges { node { id canonical saidOn speaker { name } reports { ${REPORT} } } }
  }
}`;

export const ARTICLE = `
query Article($id: ID!) {
  article(id: $id) {
    id caption title url file published byline dateline text opening
    outlet { key name }
    basedOn { key name }
    quotes { id start end speaker { id name } statement { id } }
  }
}`;

export const SPEAKER = `
query Speaker($id: ID!, $after: String) {
  speaker(id: $id) {
    id name type aliases roles wikidata statementCount
    statements(after: $after) { ${STATEMENT_CARD} }
    topics { topic { id name } count }
    quotedBy { outlet { key name } count }
  }
}`;

export const OUTLET = `
query Outlet($name: String!, $after: String) {
  outlet(name: $name) {
    key name articleCount
    articles(after: $after) { id caption published }
    quotes { speaker { id name } count }
    cites { outlet { key name } count }
  }
}`;
