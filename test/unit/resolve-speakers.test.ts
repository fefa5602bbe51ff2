import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ArticleDoc, SpeakerType } from '../../src/pipeline/doc.js';
import { loadGazetteer, type Gazetteer } from '../../src/resolve/gazetteer.js';
import { parseMention } from '../../src/resolve/names.js';
import { resolveSpeakers } from '../../src/resolve/speakers.js';
import { loadGold, SEEDS } from './gold-docs.js';
import { article, quote } from './pipeline-fixtures.js';

const gaz = loadGazetteer();
const bare: Gazetteer = { ...gaz, entities: [] };

/** One article whose quotes are said by the given mentions, in order. */
function doc(text: string, speakers: [string, SpeakerType?][], id?: string): ArticleDoc {
  const a = article(text, null, id);
  let from = text.indexOf('"Q0."');
  const quotes = speakers.map(([name, type], i) => {
    const q = quote(a, `Q${i}.`, name, type ?? 'person', from);
    from = q.end;
    return q;
  });
  return { article: a, quotes };
}
const ids = (docs: ArticleDoc[]) => docs.flatMap((d) => d.quotes.map((q) => q.speaker?.id ?? null));

describe('resolveSpeakers', () => {
  it('merges a name, its surname, a description and a pronoun within an article', () => {
    const text = 'Colombian President Ana Ruiz spoke. "Q0." Ruiz said "Q1." The Colombian president added "Q2." She said "Q3."';
    const r = resolveSpeakers([doc(text, [['Colombian President Ana Ruiz'], ['Ruiz'], ['the Colombian president'], ['she']])], bare);
    expect(new Set(ids(r.docs))).toEqual(new Set(['person:ana-ruiz']));
    const s = r.speakers[0];
    expect(s.name).toBe('Ana Ruiz');
    expect(s.roles).toContain('President of Colombia');
    expect(s.aliases).toEqual(expect.arrayContaining(['Colombian President Ana Ruiz', 'Ruiz', 'the Colombian president']));
  });

  it('reads roles from the text: an appositive names the description', () => {
    const text = 'Ana Ruiz, Colombia\'s first female president, spoke. "Q0." "Q1."';
    const r = resolveSpeakers([doc(text, [['Ana Ruiz'], ["Colombia's first female president"]])], bare);
    expect(new Set(ids(r.docs))).toEqual(new Set(['person:ana-ruiz']));
  });

  it('merges across articles by full name and by a surname only one person has', () => {
    const r = resolveSpeakers([doc('"Q0."', [['Ana Ruiz']], 'x1'), doc('"Q0."', [['Ruiz']], 'x2'), doc('"Q0."', [['Mrs Ana Ruiz']], 'x3')], bare);
    expect(new Set(ids(r.docs))).toEqual(new Set(['person:ana-ruiz']));
  });

  it('never merges two people who share a surname, nor a person and an organization', () => {
    const r = resolveSpeakers(
      [
        doc('"Q0." "Q1."', [['Hillary Clinton'], ['Bill Clinton']], 'c1'),
        doc('"Q0." "Q1."', [['Mrs. Hillary Clinton'], ['the Clinton campaign', 'organization']], 'c2'),
      ],
      bare,
    );
    const [h, b, h2, camp] = ids(r.docs);
    expect(h).toBe(h2);
    expect(new Set([h, b, camp]).size).toBe(3);
  });

  it('a lone surname joins the one who has it that the run names in far more articles than all the others', () => {
    const many = Array.from({ length: 10 }, (_, i) => doc('"Q0."', [['Ana Ruiz']], `r${i}`));
    const lone = doc('"Q0."', [['Ruiz']], 'r-lone');
    const once = doc('"Q0."', [['Pedro Ruiz']], 'r-pedro');
    expect(ids(resolveSpeakers([...many, once, lone], bare).docs).slice(-1)[0]).toBe('person:ana-ruiz');
    // named in two articles against one: no one stands out
    const few = resolveSpeakers([...many.slice(0, 2), once, lone], bare);
    expect(ids(few.docs).slice(-1)[0]).not.toBe('person:ana-ruiz');
    expect(ids(few.docs).slice(-1)[0]).not.toBe('person:pedro-ruiz');
  });

  it('makes one cluster per article-local entity of the coreference stage, whatever the names say', () => {
    // the stage linked "Fox" to Helen Fox and kept her daughter Ellen apart; nearest-name rules would pick Ellen
    const d = doc('Helen Fox spoke. "Q0." Ellen Fox spoke. "Q1." "Q2." "Q3."', [['Helen Fox'], ['Ellen Fox'], ['Fox'], ['the mayor']], 'f1');
    const keys = ['e1', 'e2', 'e1', 'e1'];
    d.quotes.forEach((q, i) => (q.speaker!.entity = keys[i]));
    const [helen, ellen, fox, mayor] = ids(resolveSpeakers([d], bare).docs);
    expect(helen).not.toBe(ellen);
    expect(fox).toBe(helen);
    expect(mayor).toBe(helen);
    // and across articles a lone surname joins neither of two people who share it
    const other = doc('"Q0."', [['Fox']], 'f2');
    const r = resolveSpeakers([d, other], bare);
    expect(ids(r.docs).slice(-1)[0]).not.toBe(helen);
    expect(ids(r.docs).slice(-1)[0]).not.toBe(ellen);
  });

  it('resolves organizations: acronym, "the council", a spokesperson', () => {
    const text = 'The Pacific Trade Council (PTC) said "Q0." The council said "Q1." PTC said "Q2." A spokesperson for the Pacific Trade Council said "Q3." The spokesperson said "Q4."';
    const r = resolveSpeakers(
      [doc(text, [['The Pacific Trade Council (PTC)', 'organization'], ['the council', 'organization'], ['PTC', 'organization'], ['A spokesperson for the Pacific Trade Council'], ['The spokesperson']])],
      bare,
    );
    expect(new Set(ids(r.docs))).toEqual(new Set(['organization:pacific-trade-council']));
  });

  it('joins an acronym alone to the organization another article spelled out with it', () => {
    const r = resolveSpeakers(
      [doc('"Q0."', [['The Pacific Trade Council (PTC)', 'organization']], 'o1'), doc('"Q0."', [['PTC', 'organization']], 'o2')],
      bare,
    );
    expect(new Set(ids(r.docs))).toEqual(new Set(['organization:pacific-trade-council']));
  });

  it('takes canonical names, roles and Wikidata ids from the gazetteer, and users can add entries', () => {
    const r = resolveSpeakers([doc('"Q0."', [['President Trump']])], gaz);
    expect(r.speakers[0]).toMatchObject({ id: 'person:donald-trump', name: 'Donald Trump', wikidata: 'Q22686' });
    const mine: Gazetteer = { ...bare, entities: [{ name: 'Ana Ruiz Soto', type: 'person', aliases: ['La Jefa'], roles: ['Mayor'] }] };
    const r2 = resolveSpeakers([doc('"Q0."', [['La Jefa']])], mine);
    expect(r2.speakers[0]).toMatchObject({ id: 'person:ana-ruiz-soto', name: 'Ana Ruiz Soto', roles: ['Mayor'] });
  });

  it('keeps ids when re-resolved with its own output as known', () => {
    const docs = [doc('"Q0." "Q1."', [['Ana Ruiz'], ['Ruiz']], 'k1'), doc('"Q0."', [['Ruiz']], 'k2')];
    const first = resolveSpeakers(docs, bare);
    const again = resolveSpeakers(docs, bare, first.speakers);
    expect(ids(again.docs)).toEqual(ids(first.docs));
    const next = resolveSpeakers([doc('"Q0."', [['Ruiz']], 'k3')], bare, first.speakers);
    expect(ids(next.docs)).toEqual(['person:ana-ruiz']);
  });

  it('merges every gold alias of the seed people into its person, in the seed text that names them', () => {
    const gold = loadGold();
    const texts = gold.articles.map((a) => readFileSync(`${SEEDS}${a.file}`, 'utf8'));
    for (const p of gold.people) {
      const full = [p.name, ...p.aliases].sort((a, b) => b.length - a.length).find((x) => parseMention(x, p.type, gaz).kind === 'name') ?? p.name;
      for (const alias of p.aliases) {
        const seed = texts.find((t) => t.includes(alias) && t.includes(full)) ?? '';
        const text = `${seed}\n${full} said "Q0." Then ${alias} said "Q1."`;
        const r = resolveSpeakers([doc(text, [[full, p.type], [alias, p.type]])], bare);
        const [a, b] = ids(r.docs);
        expect(b, `${p.name}: ${alias}`).toBe(a);
      }
    }
  });

  const polnear = new URL('../../../shared/eval/polnear-dev/', import.meta.url).pathname;
  it.skipIf(!existsSync(polnear))('polnear-dev: no speaker carries two different first names', () => {
    const gold = JSON.parse(readFileSync(`${polnear}gold.json`, 'utf8')) as {
      articles: { id: string; file: string }[];
      quotes: { article: string; text: string; offset: number; speaker: string | null; speakerSpan?: [number, number] }[];
    };
    const docs: ArticleDoc[] = gold.articles.map((g) => {
      const text = readFileSync(`${polnear}texts/${g.file}`, 'utf8');
      const a = article(text, null, g.id.replace(/#.*/, ''));
      const quotes = gold.quotes
        .filter((q) => q.article === g.id && q.speaker)
        .map((q) => ({
          ...quote(a, text.slice(q.offset, q.offset + q.text.length), null, 'person', q.offset),
          speaker: { name: q.speaker!, type: 'person' as const, mention: q.speakerSpan ? { start: q.speakerSpan[0], end: q.speakerSpan[1], text: q.speaker! } : null },
        }));
      return { article: a, quotes };
    });
    const r = resolveSpeakers(docs, gaz);
    const firsts = new Map<string, Set<string>>();
    r.docs.forEach((d, di) =>
      d.quotes.forEach((q, qi) => {
        const p = parseMention(docs[di].quotes[qi].speaker!.name, 'person', gaz);
        if (!q.speaker?.id || p.kind !== 'name' || !p.qualifier || q.speaker.type !== 'person') return;
        if (!firsts.has(q.speaker.id)) firsts.set(q.speaker.id, new Set());
        firsts.get(q.speaker.id)!.add(p.qualifier);
      }),
    );
    const conflicts = [...firsts].filter(([, f]) => f.size > 1).map(([id, f]) => `${id}: ${[...f].join(', ')}`);
    expect(conflicts).toEqual([]);
    expect(firsts.size).toBeGreaterThan(20);
  });
});
