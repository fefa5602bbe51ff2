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

const STATEMENT_CARD = `
  id canonical saidOn reportCount
  topics { id name }
  reports { date outlet { key name } }`;

export const TOPICS = `
query Topics {
  topics(first: 100, sort: [{ statementCount: DESC }, { name: ASC }]) {
    edges { node { id name description statementCount broader { id name } } }
  }
}`;

export const WHO_SAID = `
query WhoSaid($topic: String!) {
  whoSaid(topic: $topic) {
    topic { id name description }
    covers { id name }
    speakers {
      speaker { id name type roles }
      statements { ${STATEMENT_CARD} }
    }
  }
}`;

export const SEARCH = `
query Search($text: String!) {
  search(text: $text, first: 30) {
    score kind
    node {
      __typename
      ... on Quote { id text statement { id } speaker { id } }
      ... on Statement { id speaker { id } }
      ... on Speaker { id }
    }
  }
}`;

/** The statements a search found, with speakers, to draw them like a topic's answer. */
export const STATEMENTS = `
query Statements($where: StatementWhere!) {
  statements(where: $where, first: 30, sort: [{ saidOn: ASC }]) {
    edges { node { ${STATEMENT_CARD} speaker { id name type roles } } }
  }
}`;

export const STATEMENT = `
query Statement($id: ID!) {
  statement(id: $id) {
    id canonical saidOn reportCount
    speaker { id name roles }
    topics { id name }
    reports {
      date wording difference
      changes { value op }
      outlet { key name }
      quote { id start end kind cue mention { text role } }
      article { id title url published byline }
    }
  }
}`;

export const ARTICLE = `
query Article($id: ID!) {
  article(id: $id) {
    id title url published byline dateline text
    outlet { key name }
    basedOn { key name }
    quotes { id start end speaker { id name } statement { id } }
  }
}`;

export const SPEAKER = `
query Speaker($id: ID!) {
  speaker(id: $id) {
    id name type aliases roles wikidata statementCount
    statements { ${STATEMENT_CARD} }
    topics { topic { id name } count }
    quotedBy { outlet { key name } count }
  }
}`;

export const OUTLET = `
query Outlet($name: String!) {
  outlet(name: $name) {
    key name articleCount
    articles(first: 20) { id title published }
    quotes { speaker { id name } count }
    cites { outlet { key name } count }
  }
}`;
