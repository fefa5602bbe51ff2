// Who is who: speaker mentions merged into people and organizations, first within each article (names,
// surnames, descriptions such as "the Mexican president", pronouns), then across articles (same name, or a
// surname only one known person has, or the one the run names far more often), seeded and overridden by the
// gazetteer and the already stored graph.
import { createHash } from 'node:crypto';
import type { ArticleDoc, SpeakerType } from '../pipeline/doc.js';
import { firstName } from '../pipeline/nlp.js';
import type { Gazetteer } from './gazetteer.js';
import { fold, parseMention, slug, type ParsedMention } from './names.js';

export interface ResolvedSpeaker {
  id: string;
  name: string;
  type: SpeakerType;
  aliases: string[];
  roles: string[];
  wikidata?: string;
}

/** A known identity: from the gazetteer or the graph. */
interface Anchor {
  id: string;
  name: string;
  type: SpeakerType;
  aliases: Set<string>;
  roles: Set<string>;
  wikidata?: string;
  parsed: ParsedMention;
}

interface Mention {
  doc: number;
  quote: number;
  /** The article-local entity the coreference stage linked it to, if any. */
  entity?: string;
  raw: string;
  parsed: ParsedMention;
  /** Offset used to find the nearest earlier mention. */
  at: number;
  roles: string[];
}

interface Cluster {
  doc: number;
  /** The article-local entity it is (one cluster per entity): no mention of another entity joins it. */
  entity?: string;
  type: SpeakerType;
  kind: 'name' | 'description';
  core: string;
  qualifier: string | null;
  acronyms: Set<string>;
  /** Title words and places known for it in this article: from its mentions and the text around its name. */
  titles: Set<string>;
  places: Set<string>;
  anchor: Anchor | null;
  mentions: Mention[];
}

/** A full name the run gives in this many articles, and this many times as many as all others with its surname. */
const DOMINANT = { articles: 5, times: 10 };
const FEMALE = new Set(['she', 'her']);
const MALE = new Set(['he', 'him']);
const typeOf = (t: SpeakerType) => (t === 'person' ? 'person' : 'organization');

/** Index of known identities by alias and by name key. */
class Anchors {
  private byAlias = new Map<string, Anchor>();
  private byName = new Map<string, Anchor[]>();
  readonly all: Anchor[] = [];

  constructor(private gaz: Gazetteer) {}

  add(a: { id?: string; name: string; type: SpeakerType; aliases: string[]; roles: string[]; wikidata?: string }) {
    const id = a.id ?? `${typeOf(a.type)}:${slug(a.name)}`;
    let anchor = this.all.find((x) => x.id === id);
    if (!anchor) {
      anchor = { id, name: a.name, type: a.type, aliases: new Set(), roles: new Set(), wikidata: a.wikidata, parsed: parseMention(a.name, a.type, this.gaz) };
      this.all.push(anchor);
      const k = nameKey(anchor.parsed);
      if (k) this.byName.set(k, [...(this.byName.get(k) ?? []), anchor]);
    }
    anchor.wikidata ??= a.wikidata;
    for (const r of a.roles) anchor.roles.add(r);
    for (const alias of [a.name, ...a.aliases]) {
      anchor.aliases.add(alias);
      const p = parseMention(alias, a.type, this.gaz);
      if (p.kind === 'pronoun') continue;
      // first come, first kept: the gazetteer is added before the graph, so it overrides
      if (!this.byAlias.has(p.aliasKey)) this.byAlias.set(p.aliasKey, anchor);
      if (p.kind === 'name' && !this.byAlias.has(fold(p.display))) this.byAlias.set(fold(p.display), anchor);
    }
  }

  find(p: ParsedMention): Anchor | null {
    const hit = this.byAlias.get(p.aliasKey) ?? (p.kind === 'name' ? this.byAlias.get(fold(p.display)) : undefined);
    if (hit) return hit.type === p.type ? hit : null;
    const k = nameKey(p);
    const byName = k ? (this.byName.get(k) ?? []) : [];
    return byName.length === 1 ? byName[0] : null;
  }

  /** Known identities with this core that carry a qualifier (first name, place). */
  withCore(type: SpeakerType, core: string): Anchor[] {
    return this.all.filter((a) => a.type === type && a.parsed.kind === 'name' && a.parsed.core === core && a.parsed.qualifier);
  }
}

/** Key of a full name: type, core and qualifier ("person|sheinbaum|claudia"); null without a qualifier. */
function nameKey(p: ParsedMention): string | null {
  return p.kind === 'name' && p.qualifier ? `${p.type}|${p.core}|${fold(p.qualifier)}` : null;
}

const last = <T>(xs: T[]) => xs[xs.length - 1];

/** Title words and places that the article puts right before a person's name or in an appositive after it. */
function rolesInText(text: string, span: { start: number; end: number }, display: string, gaz: Gazetteer) {
  const titles = new Set<string>();
  const places = new Set<string>();
  const esc = display.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}])${esc}(?![\\p{L}])`, 'gu');
  const body = text.slice(span.start, span.end);
  for (let m; (m = re.exec(body)); ) {
    // "Mexican President Claudia Sheinbaum", or "the city's police chief, Ramón Grande Moncada"
    const chunks = body.slice(Math.max(0, m.index - 80), m.index).split(/[,;:"\u201c\u201d\n()]/);
    const before = (chunks[chunks.length - 1].trim() || chunks[chunks.length - 2]) ?? '';
    const after = /^\s*,\s*([^,;:"\u201c\u201d\n()]{3,80}),/.exec(body.slice(m.index + m[0].length))?.[1] ?? '';
    // the three words before the name ("former U.S. President"), the appositive after it ("Mexico's first female president")
    for (const phrase of [before.trim().split(/\s+/).slice(-3).join(' '), after]) {
      if (!phrase.trim()) continue;
      const p = parseMention(phrase.trim(), 'person', gaz);
      p.titles.forEach((t) => titles.add(t));
      p.places.forEach((pl) => places.add(pl));
    }
  }
  return { titles, places };
}

export function resolveSpeakers(
  docs: ArticleDoc[],
  gaz: Gazetteer,
  known: ResolvedSpeaker[] = [],
): { docs: ArticleDoc[]; speakers: ResolvedSpeaker[] } {
  const anchors = new Anchors(gaz);
  for (const e of gaz.entities) anchors.add(e);
  for (const s of known) anchors.add(s);

  const clusters: Cluster[] = [];
  /** cluster of each quote's speaker, by doc and quote index */
  const clusterOf = new Map<string, Cluster>();

  docs.forEach((doc, di) => {
    const mentions: Mention[] = [];
    doc.quotes.forEach((q, qi) => {
      if (!q.speaker?.name) return;
      const parsed = parseMention(q.speaker.name, q.speaker.type, gaz);
      const roles = [q.speaker.role, q.speaker.mention?.role].filter((r): r is string => !!r);
      // an entity the coreference stage could not name ("he" left unresolved) is left to the rules below
      const entity = parsed.kind === 'pronoun' ? undefined : q.speaker.entity;
      mentions.push({ doc: di, quote: qi, entity, raw: q.speaker.name, parsed, at: q.speaker.mention?.start ?? q.start, roles });
    });
    const local: Cluster[] = [];
    const join = (c: Cluster, m: Mention) => {
      c.mentions.push(m);
      m.parsed.titles.forEach((t) => c.titles.add(t));
      m.parsed.places.forEach((p) => c.places.add(p));
      m.parsed.acronyms.forEach((a) => c.acronyms.add(a));
      clusterOf.set(`${m.doc}:${m.quote}`, c);
    };
    const create = (m: Mention, kind: Cluster['kind'], anchor: Anchor | null) => {
      const c: Cluster = {
        doc: di, type: m.parsed.type, kind, core: m.parsed.core, qualifier: m.parsed.qualifier,
        acronyms: new Set(), titles: new Set(), places: new Set(), anchor, mentions: [],
      };
      local.push(c);
      join(c, m);
      return c;
    };
    const lastAt = (c: Cluster, before: number) => Math.max(-1, ...c.mentions.filter((m) => m.at <= before).map((m) => m.at));
    /** Of several candidates, the one named most recently before `at`, else the first one named after it. */
    const nearest = (cands: Cluster[], at: number) =>
      cands.length <= 1
        ? cands[0]
        : [...cands].sort((a, b) => lastAt(b, at) - lastAt(a, at) || Math.min(...a.mentions.map((m) => m.at)) - Math.min(...b.mentions.map((m) => m.at)))[0];

    // 0. the article's entities, as the coreference stage linked its mentions: one cluster each
    const byEntity = new Map<string, Cluster>();
    for (const m of mentions) {
      if (!m.entity) continue;
      const c = byEntity.get(m.entity);
      if (c) join(c, m);
      else {
        const anchor = anchors.find(m.parsed);
        byEntity.set(m.entity, Object.assign(create(m, m.parsed.kind === 'description' && !anchor ? 'description' : 'name', anchor), { entity: m.entity }));
      }
    }

    // 1. names and acronyms
    const deferred: Mention[] = [];
    for (const m of mentions) {
      const p = m.parsed;
      if (m.entity) continue;
      if (p.kind === 'pronoun' || p.kind === 'description') {
        deferred.push(m);
        continue;
      }
      const anchor = anchors.find(p);
      const compatible = local.filter((c) => {
        if (c.type !== p.type || c.kind !== 'name') return false;
        if (anchor && c.anchor) return c.anchor === anchor;
        if (p.kind === 'acronym') return c.acronyms.has(p.core) || c.core === p.core;
        if (c.core !== p.core && !(p.acronyms.length && c.core.length <= 8 && p.acronyms.includes(c.core))) return false;
        return !p.qualifier || !c.qualifier || fold(p.qualifier) === fold(c.qualifier);
      });
      // a full name first picks the cluster with the same full name
      const same = compatible.filter((c) => c.qualifier && p.qualifier && fold(c.qualifier) === fold(p.qualifier));
      const c = nearest(same.length ? same : compatible, m.at);
      if (!c) create(m, 'name', anchor);
      else {
        join(c, m);
        c.qualifier ??= p.qualifier;
        c.anchor ??= anchor;
        if (c.kind === 'name' && p.kind === 'name' && c.core !== p.core && c.core.length <= 8) c.core = p.core; // "NSC" named in full later
      }
    }
    // titles and places the article gives the people it names
    for (const c of local)
      if (c.type === 'person') {
        const display = c.mentions.find((m) => m.parsed.kind === 'name' && m.parsed.qualifier)?.parsed.display ?? c.mentions[0].parsed.display;
        const found = rolesInText(doc.article.source.text, doc.article.span, display, gaz);
        found.titles.forEach((t) => c.titles.add(t));
        found.places.forEach((p) => c.places.add(p));
        for (const r of c.anchor?.roles ?? []) {
          const p = parseMention(r, 'person', gaz);
          p.titles.forEach((t) => c.titles.add(t));
          p.places.forEach((pl) => c.places.add(pl));
        }
      }

    // 2. descriptions, then pronouns: the compatible cluster named nearest before them
    const order = [...deferred].sort((a, b) => Number(a.parsed.kind === 'pronoun') - Number(b.parsed.kind === 'pronoun'));
    for (const m of order) {
      const p = m.parsed;
      const prior = (cs: Cluster[]) => cs.filter((c) => c.mentions.some((x) => x.at < m.at));
      if (p.kind === 'pronoun') {
        const w = p.display;
        const cands = local.filter((c) => {
          if (MALE.has(w) || FEMALE.has(w)) {
            if (c.type !== 'person') return false;
            const g = c.qualifier ? firstName(c.qualifier)?.gender : null;
            return !g || (g === 'female') === FEMALE.has(w);
          }
          return w !== 'it' || c.type === 'organization';
        });
        const c = nearest(prior(cands), m.at);
        if (c) join(c, m);
        continue;
      }
      const spokes = p.titles.length > 0 && p.titles.every((t) => /^spokes/.test(t));
      const cands = local.filter((c) => {
        if (c.kind !== 'name') return false;
        if (spokes) return c.type === 'organization';
        if (c.type !== p.type) return false;
        if (p.type === 'organization') return !!p.head && (last(c.core.split(' ')) === p.head || fold(c.anchor?.name ?? '').endsWith(p.head));
        const titles = p.titles.filter((t) => t !== 'former' && t !== 'acting');
        return titles.length > 0 && titles.every((t) => c.titles.has(t)) && p.places.every((pl) => c.places.has(pl));
      });
      const c = nearest(prior(cands).length ? prior(cands) : cands, m.at);
      if (c) {
        join(c, m);
        continue;
      }
      // "The spokesperson added": the organization an earlier sentence named ("a spokesperson for the NSC")
      const named = spokes ? spokespersonOf(doc.article.source.text, doc.article.span.start, m.at) : null;
      if (named) {
        const np = parseMention(named, 'organization', gaz);
        const same = local.find((x) => x.type === 'organization' && x.kind === 'name' && x.core === np.core);
        if (same) join(same, m);
        else create({ ...m, parsed: { ...np, aliasKey: p.aliasKey } }, 'name', anchors.find(np));
        continue;
      }
      const anchor = anchors.find(p);
      const existing = local.find((x) => x.kind === 'description' && x.core === p.core && x.type === p.type);
      if (existing) join(existing, m);
      else create(m, anchor ? 'name' : 'description', anchor);
    }
    clusters.push(...local);
  });

  // 3. across articles: anchors, then full names, then lone surnames and acronyms
  interface Group {
    key: string;
    type: SpeakerType;
    anchor: Anchor | null;
    clusters: Cluster[];
    qualifier: string | null;
    core: string;
  }
  const groups = new Map<string, Group>();
  /** Groups with a qualifier, by type and core: where a lone surname looks for its person. */
  const qualified = new Map<string, Group[]>();
  const put = (key: string, c: Cluster, init: Omit<Group, 'key' | 'clusters'>) => {
    if (!groups.has(key)) {
      const g: Group = { key, clusters: [], ...init };
      groups.set(key, g);
      if (g.qualifier) {
        const k = `${g.type}|${g.core}`;
        if (!qualified.has(k)) qualified.set(k, []);
        qualified.get(k)!.push(g);
      }
    }
    groups.get(key)!.clusters.push(c);
  };
  const lone: Cluster[] = [];
  const acronymOnly: Cluster[] = [];
  for (const c of clusters) {
    if (c.anchor) put(`a:${c.anchor.id}`, c, { type: c.anchor.type, anchor: c.anchor, qualifier: c.anchor.parsed.qualifier, core: c.anchor.parsed.core });
    else if (c.kind === 'description') put(`d:${docs[c.doc].article.id}:${c.type}:${c.core}`, c, { type: c.type, anchor: null, qualifier: null, core: c.core });
    else if (c.qualifier) put(`n:${c.type}|${c.core}|${fold(c.qualifier)}`, c, { type: c.type, anchor: null, qualifier: c.qualifier, core: c.core });
    else if (c.mentions.every((m) => m.parsed.kind !== 'name')) acronymOnly.push(c);
    else lone.push(c);
  }
  // how many articles name each full name, before any lone surname joins one
  const articlesOf = new Map([...groups.values()].map((g) => [g.key, new Set(g.clusters.map((x) => x.doc)).size]));
  for (const c of lone) {
    // a lone surname (or acronym) joins the one person (organization) with a full name that has it, or the one
    // the run names in far more articles than all the others who have it together
    const withCore = [...(qualified.get(`${c.type}|${c.core}`) ?? [])];
    for (const a of anchors.withCore(c.type, c.core)) if (!withCore.some((g) => g.anchor === a)) withCore.push({ key: `a:${a.id}`, type: a.type, anchor: a, clusters: [], qualifier: a.parsed.qualifier, core: a.parsed.core });
    const byTitle = withCore.filter((g) => [...c.titles].some((t) => g.clusters.some((x) => x.titles.has(t)) || [...(g.anchor?.roles ?? [])].some((r) => fold(r).includes(t))));
    const named = withCore.map((g) => ({ g, n: articlesOf.get(g.key) ?? 0 })).sort((a, b) => b.n - a.n);
    const rest = named.slice(1).reduce((sum, x) => sum + x.n, 0);
    const dominant = named.length > 1 && named[0].n >= DOMINANT.articles && named[0].n >= DOMINANT.times * rest ? named[0].g : null;
    const pick = withCore.length === 1 ? withCore[0] : byTitle.length === 1 ? byTitle[0] : dominant;
    if (pick) put(pick.key, c, pick);
    else put(`n:${c.type}|${c.core}|`, c, { type: c.type, anchor: null, qualifier: null, core: c.core });
  }

  // an acronym alone ("NSC") joins the one organization another article spelled out with it
  const byAcronym = new Map<string, Set<Group>>();
  for (const g of groups.values())
    for (const a of g.clusters.flatMap((c) => [...c.acronyms])) byAcronym.set(a, (byAcronym.get(a) ?? new Set()).add(g));
  for (const c of acronymOnly) {
    const hits = [...(byAcronym.get(c.core) ?? [])].filter((g) => g.type === c.type);
    if (hits.length === 1) put(hits[0].key, c, hits[0]);
    else put(`n:${c.type}|${c.core}|`, c, { type: c.type, anchor: null, qualifier: null, core: c.core });
  }

  // 4. names and ids
  const used = new Set<string>();
  const speakers: ResolvedSpeaker[] = [];
  const speakerOf = new Map<Cluster, ResolvedSpeaker>();
  const sortedGroups = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of sortedGroups) {
    const mentions = g.clusters.flatMap((c) => c.mentions);
    const name = g.anchor?.name ?? canonicalName(mentions, g);
    let id = g.anchor?.id ?? `${typeOf(g.type)}:${slug(name)}`;
    if (g.key.startsWith('d:')) id += `~${createHash('sha256').update(g.key).digest('hex').slice(0, 6)}`;
    for (let n = 2; !g.anchor && used.has(id); n++) id = `${typeOf(g.type)}:${slug(name)}-${n}`;
    used.add(id);
    const aliases = new Set([...(g.anchor?.aliases ?? [])]);
    const roles = new Set([...(g.anchor?.roles ?? [])]);
    for (const m of mentions) {
      if (m.parsed.kind !== 'pronoun') aliases.add(m.raw);
      m.parsed.roles.forEach((r) => roles.add(r));
      m.roles.forEach((r) => roles.add(r));
    }
    const s: ResolvedSpeaker = { id, name, type: g.type, aliases: [...aliases].sort(), roles: [...roles].sort() };
    if (g.anchor?.wikidata) s.wikidata = g.anchor.wikidata;
    speakers.push(s);
    for (const c of g.clusters) speakerOf.set(c, s);
  }

  const out = docs.map((doc, di) => ({
    ...doc,
    quotes: doc.quotes.map((q, qi) => {
      const c = clusterOf.get(`${di}:${qi}`);
      const s = c && speakerOf.get(c);
      return s && q.speaker ? { ...q, speaker: { ...q.speaker, name: s.name, type: s.type, id: s.id } } : q;
    }),
  }));
  return { docs: out, speakers: speakers.sort((a, b) => a.id.localeCompare(b.id)) };
}

const SPOKESPERSON_OF = [
  /spokes(?:person|man|woman)\s+(?:for|of|at|from)\s+((?:the\s+)?(?:[A-Z][\w.&'-]*\s*)+)/g,
  /((?:[A-Z][\w.&'-]*\s+)+)spokes(?:person|man|woman)/g,
];
/** The organization the last "spokesperson for X" / "an X spokesman" before `at` names. */
function spokespersonOf(text: string, from: number, at: number): string | null {
  let best: { at: number; name: string } | null = null;
  const window = text.slice(from, at);
  for (const re of SPOKESPERSON_OF)
    for (const m of window.matchAll(re)) if (!best || m.index! > best.at) best = { at: m.index!, name: m[1].trim() };
  return best?.name ?? null;
}

/** The fullest name its mentions give: most words, then most used, then alphabetical. */
function canonicalName(mentions: Mention[], g: { qualifier: string | null }): string {
  const said = mentions.filter((m) => m.parsed.kind !== 'pronoun');
  // a name beats a description ("Ana Ruiz" over "Colombia's first female president")
  const named = said.filter((m) => m.parsed.kind === 'name');
  const names = named.length ? named : said;
  const counts = new Map<string, number>();
  for (const m of names) {
    const full = m.parsed.kind === 'description' ? m.raw.replace(/^(the|a|an)\s+/i, '') : m.parsed.display;
    if (g.qualifier && m.parsed.kind === 'name' && !m.parsed.qualifier) continue;
    counts.set(full, (counts.get(full) ?? 0) + 1);
  }
  const words = (s: string) => s.split(' ').length;
  return [...counts].sort((a, b) => words(b[0]) - words(a[0]) || b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? names[0]?.raw ?? '';
}
