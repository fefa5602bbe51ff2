// One projection per label. Each node comes back as its properties plus the ids of what it links to, so nested
// fields resolve through per-request DataLoaders by id: a page costs one query per level, whatever its size.
// Only what is cheap whatever the graph's size is projected: counts are relationship degrees (O(1) on the
// node's relationship groups) or tallies the ingest keeps; links a node may have many of but a query seldom
// asks for (an article's BASED_ON and CITES) load through their own loaders (related.ts) only when selected.

export const project = {
  Quote: (v: string) => `${v}{.*,
    articleId: head([(_a:Article)-[:QUOTES]->(${v}) | _a.id]),
    published: head([(_a:Article)-[:QUOTES]->(${v}) | _a.published]),
    statementId: head([(${v})-[:REPORTS]->(_s:Statement) | _s.id]),
    speakerId: head([(${v})-[:ATTRIBUTED_TO]->(_sp:Speaker) | _sp.id]),
    mention: head([(${v})-[_m:ATTRIBUTED_TO]->(:Speaker) | _m{.*}]),
    relayedById: head([(${v})-[:RELAYED_BY]->(_sp:Speaker) | _sp.id]),
    parentId: head([(${v})-[:EMBEDDED_IN]->(_p:Quote) | _p.id]),
    topicIds: [(${v})-[:ABOUT]->(_t:Topic) | _t.id]}`,
  // named properties, not .*: a statement also keeps its embedding (384 numbers) for resolution, never for answers
  // speakerId is the statement's own property, kept equal to its one SAID by every write
  Statement: (v: string) => `${v}{.id, .canonical, .saidOn, .speakerId, .referenceId,
    occasionId: head([(${v})-[:AT]->(_o:Occasion) | _o.id]),
    topicIds: [(${v})-[:ABOUT]->(_t:Topic) | _t.id],
    reportCount: COUNT { ()-[:REPORTS]->(${v}) }}`,
  Speaker: (v: string) => `${v}{.id, .name, .aliases, .roles, .wikidata,
    type: CASE WHEN ${v}:Organization THEN 'ORGANIZATION' ELSE 'PERSON' END,
    statementCount: COUNT { (${v})-[:SAID]->() }}`,
  Outlet: (v: string) => `${v}{.key, .name, id: ${v}.key, articleCount: COUNT { ()-[:PUBLISHED_BY]->(${v}) }}`,
  Topic: (v: string) => `${v}{.id, .name, .description, .keywords, ${topicLinks(v)}, statementCount: coalesce(${v}.statementCount, 0)}`,
  Occasion: (v: string) => `${v}{.id, .kind, .date, .place, .medium, statementCount: COUNT { ()-[:AT]->(${v}) }}`,
  // without the text (large): Article.text loads it on its own, only when asked for
  Article: (v: string) => `${v}{.id, .sourceId, .title, .url, .published, .byline, .dateline, .file, .caption,
    opening: substring(${v}.text, 0, 120),
    outletKey: head([(${v})-[:PUBLISHED_BY]->(_o:Outlet) | _o.key])}`,
} as const;

function topicLinks(v: string): string {
  return `broaderIds: [(${v})-[:BROADER]->(_b:Topic) | _b.id], narrowerIds: [(_n:Topic)-[:BROADER]->(${v}) | _n.id]`;
}

export type Entity = keyof typeof project;

/** The key property of each label (Outlet is keyed by its normalised name). */
export const KEY: Record<Entity, string> = { Quote: 'id', Statement: 'id', Speaker: 'id', Outlet: 'key', Topic: 'id', Article: 'id', Occasion: 'id' };
