import { describe, expect, it } from 'vitest';
import type { ArticleDoc } from '../../src/pipeline/doc.js';
import { loadTaxonomy, tagTopics } from '../../src/pipeline/topics.js';
import { resolveTime } from '../../src/pipeline/time.js';
import { embed } from '../../src/embed/index.js';
import { resolve } from '../../src/resolve/index.js';
import { groupStatements } from '../../src/resolve/statements.js';
import { goldDocs } from './gold-docs.js';
import { article, quote } from './pipeline-fixtures.js';

/** One article per entry: its quotes, each [words, speaker id, said on?]. */
function docs(...arts: [string, string, string?][][]): ArticleDoc[] {
  return arts.map((qs, i) => {
    const a = article(qs.map(([w]) => `"${w}" someone said.`).join('\n'), null, `s${i}`);
    return {
      article: a,
      quotes: qs.map(([w, id, on]) => {
        const q = quote(a, w, id);
        return { ...q, saidOn: on ?? null, speaker: { ...q.speaker!, id } };
      }),
    };
  });
}
const ids = (r: { docs: ArticleDoc[] }) => r.docs.flatMap((d) => d.quotes.map((q) => q.statement));

describe('groupStatements', () => {
  it('groups translations that share few words, with the difference of each wording', async () => {
    const r = await groupStatements(
      docs(
        [['Sovereignty is not for sale. Sovereignty is loved and defended.', 'p:a']],
        [['The territory cannot be violated. Sovereignty cannot be sold. Sovereignty is cherished and defended.', 'p:a']],
        [['sovereignty is not for sale.', 'p:a']],
      ),
      [],
      embed,
    );
    expect(new Set(ids(r)).size).toBe(1);
    // canonical: the fullest wording (the second); the others say it in other words
    const diffs = r.statements[0].quotes.map((q) => [q.text.slice(0, 12), q.difference]);
    expect(diffs).toEqual(expect.arrayContaining([['The territor', 'canonical'], ['Sovereignty ', 'translated'], ['sovereignty ', 'translated']]));
  });

  it('groups a trimmed copy inside a longer report, even without embeddings', async () => {
    const r = await groupStatements(
      docs(
        [['We can collaborate. We can work together, but you in your territory and us in ours.', 'p:a']],
        [['can work together, but you in your territory and us in ours.', 'p:a']],
      ),
      [],
      null,
    );
    expect(new Set(ids(r)).size).toBe(1);
    expect(r.statements[0].quotes.map((q) => q.difference).sort()).toEqual(['canonical', 'trimmed']);
  });

  it('keeps apart different utterances on one topic, other speakers, and the same words weeks apart', async () => {
    const r = await groupStatements(
      docs(
        [['Sovereignty is not for sale. Sovereignty is loved and defended.', 'p:a', '2025-05-03']],
        [
          ["We don't accept invasions or interference. We are not a protectorate or colony of any foreign country.", 'p:a'],
          ['We will never accept the presence of foreign troops in our territory.', 'p:a', '2025-05-03'],
        ],
        [['Sovereignty is not for sale. Sovereignty is loved and defended.', 'p:b']],
        [['Sovereignty is not for sale. Sovereignty is loved and defended.', 'p:a', '2025-06-20']],
      ),
      [],
      embed,
    );
    expect(new Set(ids(r)).size).toBe(5);
  });

  it('keeps a self-quote (words from an earlier occasion) apart from the speech that quotes it', async () => {
    const a = article('"And you know what I told him? \'No, Mr President, never in our territory,\'" she said.', null, 'self');
    const outer = quote(a, "And you know what I told him? 'No, Mr President, never in our territory,'", 'p:a');
    const inner = { ...quote(a, 'No, Mr President, never in our territory,', 'p:a'), kind: 'embedded' as const, parent: 0 };
    const b = article('"No, Mr President, never in our territory," she said.', null, 'plain');
    const plain = quote(b, 'No, Mr President, never in our territory,', 'p:a');
    const withId = (q: typeof outer) => ({ ...q, speaker: { ...q.speaker!, id: 'p:a' } });
    const r = await groupStatements([{ article: a, quotes: [withId(outer), withId(inner)] }, { article: b, quotes: [withId(plain)] }], [], null);
    const [o, i, p] = ids(r);
    expect(o).toBe(p);
    expect(i).not.toBe(o);
  });

  it('gives deterministic ids, kept when re-resolved with its own output, and lets new articles join', async () => {
    const input = docs([['Sovereignty is not for sale. Sovereignty is loved and defended.', 'p:a']], [['We will keep escalating consequences until they pay.', 'p:a']]);
    const first = await groupStatements(input, [], null);
    expect(ids(await groupStatements(input, [], null))).toEqual(ids(first));
    expect(ids(await groupStatements(input, first.statements, null))).toEqual(ids(first));
    const later = docs([['sovereignty is not for sale, sovereignty is loved and defended', 'p:a']]);
    const joined = await groupStatements(later, first.statements, null);
    expect(ids(joined)[0]).toBe(ids(first)[0]);
    expect(joined.statements.find((s) => s.id === ids(first)[0])!.quotes).toHaveLength(2);
  });

  it('keeps two paragraphs of one article apart, also when re-resolved against its own statements', async () => {
    // an embedder that finds every pair alike: only the rules on where a link may come from keep them apart
    const alike = async (texts: string[]) => texts.map(() => Float32Array.of(1, 0));
    const two = docs([
      ['This cannot be an opportunity to invade our sovereignty, we will defend it.', 'p:a'],
      ['The people will under no circumstances accept interventions in our affairs.', 'p:a'],
    ]);
    const first = await groupStatements(two, [], alike);
    expect(new Set(ids(first)).size).toBe(2);
    // as read back from the graph, with the vectors stored when other articles made them comparable
    const stored = first.statements.map((st) => ({ ...st, embedding: [1, 0] }));
    expect(ids(await groupStatements(two, stored, alike))).toEqual(ids(first));
  });

  it('reaches statement F1 >= 0.90 on the seed gold quotes (pairs across articles)', async () => {
    const taxonomy = loadTaxonomy();
    const gold = goldDocs();
    const input = gold.map((d) => ({ article: d.article, quotes: resolveTime(d.article, tagTopics(d.article, d.quotes, taxonomy)) }));
    const r = await resolve(input);
    const items = r.docs.flatMap((d, di) => d.quotes.map((q, qi) => ({ art: d.article.id, pred: q.statement, gold: gold[di].gold[qi]!.statement })));
    let tp = 0, pred = 0, g = 0;
    for (let i = 0; i < items.length; i++)
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i], b = items[j];
        if (a.art === b.art) continue;
        const gs = !!a.gold && a.gold === b.gold, ps = !!a.pred && a.pred === b.pred;
        g += +gs; pred += +ps; tp += +(gs && ps);
      }
    const p = tp / pred, rec = tp / g;
    expect((2 * p * rec) / (p + rec)).toBeGreaterThanOrEqual(0.9);
  });
});
