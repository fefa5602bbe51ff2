import { describe, expect, it } from 'vitest';
import type { ArticleDoc } from '../../src/pipeline/doc.js';
import { loadTaxonomy, tagTopics } from '../../src/pipeline/topics.js';
import { resolveTime } from '../../src/pipeline/time.js';
import { embed } from '../../src/embed/index.js';
import { resolve } from '../../src/resolve/index.js';
import { groupStatements, type KnownStatement } from '../../src/resolve/statements.js';
import type { Occasion, Quote } from '../../src/pipeline/doc.js';
import { goldDocs } from './gold-docs.js';
import { article, quote } from './pipeline-fixtures.js';

interface Said {
  words: string;
  speaker: string;
  type?: 'person' | 'organization';
  name?: string;
  naming?: string;
  occasion?: Partial<Occasion> & Pick<Occasion, 'kind'>;
}
/** An article of paragraphs, each a list of quotes (said by `speaker`); `meta` gives its outlet and date. */
function story(id: string, paragraphs: Said[][], meta: { outlet?: string; published?: string } = {}): ArticleDoc {
  const text = paragraphs.map((p) => p.map((q) => `"${q.words}" someone said.`).join(' ')).join('\n');
  const a = { ...article(text, meta.published ?? null, id), outlet: meta.outlet ?? null };
  let from = 0;
  const quotes: Quote[] = paragraphs.flat().map((s) => {
    const q = quote(a, s.words, s.speaker, s.type ?? 'person', from);
    from = q.end;
    const mention = s.naming ? { text: s.naming, start: q.end + 2, end: q.end + 2 + s.naming.length } : null;
    const occasion = s.occasion ? { date: null, place: null, medium: null, cue: null, ...s.occasion } : null;
    return { ...q, occasion, speaker: { ...q.speaker!, name: s.name ?? s.speaker, mention, id: s.speaker } };
  });
  return { article: a, quotes };
}
const said = (words: string, speaker = 'p:a', more: Partial<Said> = {}): Said => ({ words, speaker, ...more });
/** Statement id of each quote, by its first words. */
const statementOf = (r: { docs: ArticleDoc[] }) =>
  new Map(r.docs.flatMap((d) => d.quotes.map((q) => [`${d.article.id.slice(0, 2)}:${q.text.slice(0, 12)}`, q.statement])));

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

  it('joins an excerpt found in no other article to the one excerpt nearby that other articles report', async () => {
    const answer = 'We will never accept the presence of foreign troops in our territory, under no circumstances.';
    const r = statementOf(
      await groupStatements(
        [
          story('a1', [[said(answer)], [said('Our relationship is one of cooperation and respect for each other.')], [said('Unrelated.')], [said('Elsewhere.')], [said('We have lowered the number of homicides this year in the whole country.')]]),
          story('b1', [[said(answer)]]),
        ],
        [],
        null,
      ),
    );
    expect(r.get('a1:Our relation')).toBe(r.get('b1:We will neve'));
    // five paragraphs away, with no occasion named: another answer, maybe another day
    expect(r.get('a1:We have lowe')).not.toBe(r.get('b1:We will neve'));
  });

  it('an excerpt tied to two excerpts that other articles report joins the nearer one', async () => {
    const first = 'We will never accept the presence of foreign troops in our territory, under no circumstances.';
    const second = 'The cartels will be fought by our own police and our own army, with information we share.';
    const r = statementOf(
      await groupStatements(
        [
          story('a6', [[said(first)], [said('Our relationship is one of cooperation and respect for each other.')], [said('Unrelated.', 'p:other')], [said(second)]]),
          story('b6', [[said(first)]]),
          story('c6', [[said(second)]]),
        ],
        [],
        null,
      ),
    );
    // a paragraph from the first, two from the second: the first's
    expect(r.get('a6:Our relation')).toBe(r.get('b6:We will neve'));
    expect(r.get('a6:Our relation')).not.toBe(r.get('c6:The cartels '));
    // two excerpts that other articles each report stay two statements
    expect(r.get('a6:We will neve')).not.toBe(r.get('a6:The cartels '));
  });

  it('one text read from two files: both copies get the statements of its quotes', async () => {
    const words = 'We will never accept the presence of foreign troops in our territory, under no circumstances.';
    const twice = [story('c7', [[said(words)]]), story('c7', [[said(words)]]), story('d7', [[said(words)]])];
    const r = await groupStatements(twice, [], null);
    const got = r.docs.map((d) => d.quotes[0].statement);
    expect(got[0]).toBeTruthy();
    expect(new Set(got).size).toBe(1);
  });

  it('where the reported excerpt names the only occasion the article gives its speaker, a quote further on continues it', async () => {
    const answer = 'We will never accept the presence of foreign troops in our territory, under no circumstances.';
    const later = 'Our relationship is one of cooperation and respect for each other.';
    const filler = (n: number) => Array.from({ length: n }, (_, k) => [said(`Filler number ${k}.`, 'p:other')]);
    const speech = { kind: 'speech' as const };
    const r = statementOf(
      await groupStatements(
        [
          story('a9', [[said(answer, 'p:a', { occasion: speech })], ...filler(3), [said(later)]]),
          story('b9', [[said(answer)]]),
          story('c9', [[said(answer, 'p:c', { occasion: speech })], ...filler(3), [said(later, 'p:c')], [said('A tweet of hers from another day entirely.', 'p:c', { occasion: { kind: 'tweet' } })]]),
          story('d9', [[said(answer, 'p:c')]]),
        ],
        [],
        null,
      ),
    );
    expect(r.get('a9:Our relation')).toBe(r.get('b9:We will neve'));
    // another occasion named for the speaker in the same article: four paragraphs is too far to tell
    expect(r.get('c9:Our relation')).not.toBe(r.get('d9:We will neve'));
  });

  it('a short refrain links its two quotes but anchors nothing: other quotes near it stay apart', async () => {
    const r = statementOf(
      await groupStatements(
        [
          story('a2', [[said('make America great again')], [said('The tariffs on steel will protect the workers of Ohio and Pennsylvania.')]]),
          story('b2', [[said('make America great again')], [said('I will appoint judges who respect the constitution as written by its authors.')]]),
        ],
        [],
        null,
      ),
    );
    expect(r.get('a2:make America')).toBe(r.get('b2:make America'));
    expect(r.get('a2:The tariffs ')).not.toBe(r.get('b2:I will appoi'));
    expect(r.get('a2:The tariffs ')).not.toBe(r.get('a2:make America'));
  });

  it('excerpts that a republished copy carries word for word are one interview', async () => {
    const one = 'Some courses are adapting to the market, others are just not, and they will close soon.';
    const two = 'It costs a fortune every month to keep an eighteen-hole course mowed, fertilized and watered.';
    const copy = (id: string) => story(id, [[said(one)], [said('Filler.', 'p:other')], [said('More filler.', 'p:other')], [said(two)]]);
    const r = statementOf(await groupStatements([copy('a3'), copy('b3')], [], null));
    expect(r.get('a3:Some courses')).toBe(r.get('b3:It costs a f'));
  });

  it('two versions of one story carrying a speaker\'s short fragments word for word: one statement; one fragment shared, none', async () => {
    const version = (id: string) => story(id, [[said('start making decisions')], [said('Filler.', 'p:other')], [said('positive changes')]]);
    const r = statementOf(await groupStatements([version('a8'), version('b8'), story('c8', [[said('positive changes')]])], [], null));
    expect(r.get('a8:start making')).toBe(r.get('b8:positive cha'));
    expect(r.get('a8:start making')).toBe(r.get('a8:positive cha'));
    // a lone two-word fragment is no evidence of one utterance
    expect(r.get('c8:positive cha')).not.toBe(r.get('a8:positive cha'));
    // two slogans that many articles carry are no sign that two of them copy each other
    const slogans = (id: string) => story(id, [[said('Make it great')], [said('Filler.', 'p:other')], [said('Lock them up')]]);
    const many = statementOf(await groupStatements(['e1', 'e2', 'e3', 'e4'].map(slogans), [], null));
    expect(many.get('e1:Make it grea')).not.toBe(many.get('e1:Lock them up'));
  });

  it('a quote running over two quotes of one passage in another article joins that passage', async () => {
    const r = statementOf(
      await groupStatements(
        [
          story('a4', [[said('Well, to be candid with you, I am just not ready to do that at this point.'), said('I am not there right now, and I hope to be.')]]),
          story('b4', [[said('I am just not ready to do that at this point. I am not there right now,')]]),
        ],
        [],
        null,
      ),
    );
    expect(r.get('b4:I am just no')).toBe(r.get('a4:Well, to be '));
  });

  it('joins two articles on one dated occasion without a word in common, never undated ones or two tweets', async () => {
    const rally = { kind: 'rally' as const, date: '2016-08-09', place: 'Wilmington' };
    const dated = statementOf(
      await groupStatements(
        [
          story('a5', [[said('I will fight for you and I will win for you, believe me.', 'p:a', { occasion: rally })]]),
          story('b5', [[said('The election is going to be rigged, folks, I am afraid.', 'p:a', { occasion: { kind: 'speech', date: '2016-08-09' } })]]),
          story('c5', [[said('We are going to build the wall and it will be beautiful.', 'p:a', { occasion: { kind: 'rally' } })]]),
          story('d5', [[said('Sad to see the failing newspaper lie again today.', 'p:a', { occasion: { kind: 'tweet', date: '2016-08-09' } })]]),
          story('e5', [[said('Great crowd in Florida tonight, thank you all.', 'p:a', { occasion: { kind: 'tweet', date: '2016-08-09' } })]]),
        ],
        [],
        null,
      ),
    );
    expect(dated.get('a5:I will fight')).toBe(dated.get('b5:The election'));
    expect(dated.get('c5:We are going')).not.toBe(dated.get('a5:I will fight'));
    expect(dated.get('d5:Sad to see t')).not.toBe(dated.get('e5:Great crowd '));
  });

  it('one statement reported under a person and under the body they speak for keeps each quote\'s speaker', async () => {
    const words = 'Although we did not find clear evidence that she intended to violate the laws, there is evidence that she was extremely careless.';
    const r = await groupStatements(
      [
        story('a6', [[said(words, 'person:james-comey', { name: 'James Comey', naming: 'FBI Director James Comey' })]]),
        story('b6', [[said(words, 'organization:fbi', { type: 'organization', name: 'FBI' })]]),
        story('c6', [[said(words, 'person:james-comey', { name: 'James Comey', naming: 'Comey' })]]),
      ],
      [],
      null,
    );
    expect(new Set(ids(r)).size).toBe(1);
    expect(r.statements[0].speakerId).toBe('person:james-comey');
    expect(r.docs.map((d) => d.quotes[0].speaker!.id)).toEqual(['person:james-comey', 'organization:fbi', 'person:james-comey']);
  });

  it('a re-wording alone, undated, is no evidence; aligned with a second quote of the same articles it is', async () => {
    // an embedder that finds every pair of these alike
    const alike = async (texts: string[]) => texts.map(() => Float32Array.of(1, 0));
    const lone = statementOf(
      await groupStatements(
        [story('a7', [[said('We have come a long way in the last nine months of this campaign.')]]), story('b7', [[said('This campaign has travelled far since the spring, further than anyone thought.')]])],
        [],
        alike,
      ),
    );
    expect(lone.get('a7:We have come')).not.toBe(lone.get('b7:This campaig'));
    const pair = statementOf(
      await groupStatements(
        [
          story('a8', [[said('The territory cannot be violated, sovereignty cannot be sold.')], [said('We can cooperate with you, but you in your territory and we in ours.')]]),
          story('b8', [[said('Our territory is inviolable and our sovereignty is not for sale.')], [said('We can work together, but you in your land and us in ours.')]]),
        ],
        [],
        alike,
      ),
    );
    expect(pair.get('a8:The territor')).toBe(pair.get('b8:Our territor'));
  });

  it('never merges two statements the graph holds, even when a new quote links both', async () => {
    const first = await groupStatements([story('a9', [[said('We will keep escalating the consequences until they pay what they owe.')]]), story('b9', [[said('The water treaty of 1944 must be honoured by both of our nations now.')]])], [], null);
    expect(new Set(ids(first)).size).toBe(2);
    const bridge = story('c9', [[said('We will keep escalating the consequences until they pay what they owe. The water treaty of 1944 must be honoured by both of our nations now.')]]);
    const again = await groupStatements([bridge], first.statements, null);
    // the bridge joins one of them; the other is left alone (and so not returned)
    expect(again.statements).toHaveLength(1);
    expect(first.statements.map((st) => st.id)).toContain(again.statements[0].id);
    expect(again.statements[0].quotes).toHaveLength(2);
  });

  it('a new statement never takes the id of a stored one it did not join', async () => {
    // a refrain too short to join by its words: the same speaker, words and (no) date give the same content hash
    const first = await groupStatements([story('a8', [[said('Totally rigged')]])], [], null);
    const again = await groupStatements([story('b8', [[said('Totally rigged')]])], first.statements, null);
    expect(again.statements).toHaveLength(1);
    expect(again.statements[0].id).not.toBe(first.statements[0].id);
    expect(again.statements[0].quotes.map((q) => q.articleId)).toEqual([expect.stringMatching(/^b8/)]);
  });

  it('the reference is one real wording, by a named outlet first, then the fullest, then the earliest', async () => {
    const full = 'We can collaborate, we can work together, but you in your territory and us in ours.';
    const r = await groupStatements(
      [
        story('r1', [[said(`${full} We will never accept the presence of your army here.`)]]),
        story('r2', [[said(full)]], { outlet: 'The Hill', published: '2025-05-04' }),
        story('r3', [[said(full)]], { outlet: 'Associated Press', published: '2025-05-03' }),
        story('r4', [[said('we can work together, but you in your territory and us in ours.')]], { outlet: 'Reuters', published: '2025-05-03' }),
      ],
      [],
      null,
    );
    expect(r.statements).toHaveLength(1);
    const st = r.statements[0];
    // the blog's wording is fuller, but nobody can say who ran it; of the named outlets, the AP's came first
    expect(st.reference.articleId).toMatch(/^r3/);
    expect(st.canonical).toBe(full);
    const diff = Object.fromEntries(st.quotes.map((q) => [q.articleId.slice(0, 2), q.difference]));
    expect(diff).toEqual({ r1: 'reworded', r2: 'verbatim', r3: 'canonical', r4: 'trimmed' });
  });

  it('when a fuller report becomes the reference, the stored wordings are measured against it again', async () => {
    const first = await groupStatements([story('k1', [[said('sovereignty is not for sale.')]], { outlet: 'Blog Weekly' })], [], null);
    const known: KnownStatement[] = first.statements.map((st) => ({
      ...st, quotes: st.quotes.map((q) => ({ ...q, id: `${q.articleId}:${q.start}`, outlet: 'Blog Weekly', published: null })),
    }));
    const later = await groupStatements([story('k2', [[said('Sovereignty is not for sale. Sovereignty is loved and defended by the people.')]], { outlet: 'Associated Press' })], known, null);
    const st = later.statements.find((x) => x.id === first.statements[0].id)!;
    expect(st.reference.articleId).toMatch(/^k2/);
    const old = st.quotes.find((q) => q.articleId.startsWith('k1'))!;
    expect(old).toMatchObject({ difference: 'trimmed', changed: true, id: `${old.articleId}:${old.start}` });
    expect(st.quotes.find((q) => q.articleId.startsWith('k2'))).toMatchObject({ difference: 'canonical' });
  });

  it('on the seeds, every reference is the text of one of its own quotes, from a named outlet where one reported it', async () => {
    const taxonomy = loadTaxonomy();
    const gold = goldDocs();
    const r = await resolve(gold.map((d) => ({ article: d.article, quotes: resolveTime(d.article, tagTopics(d.article, d.quotes, taxonomy)) })));
    const outletOf = new Map(r.docs.map((d) => [d.article.id, d.article.outlet]));
    for (const st of r.statements) {
      const ref = st.quotes.find((q) => q.articleId === st.reference.articleId && q.start === st.reference.start)!;
      expect(ref.difference).toBe('canonical');
      expect(st.canonical).toBe(ref.text.replace(/\s+/g, ' ').trim());
      if (st.quotes.some((q) => outletOf.get(q.articleId))) expect(outletOf.get(ref.articleId)).toBeTruthy();
    }
    const sovereignty = r.statements.find((st) => st.quotes.some((q) => /not for sale/i.test(q.text)) && st.quotes.length > 3)!;
    expect(sovereignty.canonical).not.toMatch(/^\p{Ll}/u);
  });

  it('two passages of one dated speech share its Occasion; two tweets, or undated speeches, do not', async () => {
    const on = (kind: 'speech' | 'tweet', day: string | null) => (s: Said): Said => ({ ...s, occasion: { kind, date: day } });
    const r = await groupStatements(
      [
        story('o1', [[on('speech', '2025-05-03')(said('Sovereignty is not for sale, it is loved and defended by us all.'))], [], [], [on('speech', '2025-05-03')(said('We can work together, but you in your territory and us in ours.'))]]),
        story('o2', [[on('tweet', '2025-05-03')(said('A great day in Mexico City with the people.'))], [], [], [on('tweet', '2025-05-03')(said('Thank you to everyone who came out today.'))]]),
        story('o3', [[on('speech', null)(said('We will never be a colony of any foreign country again.'))], [], [], [on('speech', null)(said('The treaty of 1944 must be honoured by both nations.'))]]),
      ],
      [],
      null,
    );
    const occasionOf = (article: string) => r.statements.filter((s) => s.quotes[0].articleId.startsWith(article)).map((s) => s.occasion!.id);
    const [a, b] = occasionOf('o1');
    expect(a).toBe(b);
    expect(new Set(occasionOf('o2')).size).toBe(2);
    expect(new Set(occasionOf('o3')).size).toBe(2);
    expect(r.statements.find((s) => s.occasion?.id === a)!.occasion).toMatchObject({ kind: 'speech', date: '2025-05-03' });
  });

  it('reaches statement F1 1.00 on the seed gold quotes (pairs across articles)', async () => {
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
    expect((2 * p * rec) / (p + rec)).toBe(1);
  });
});
