// Closed classes of English the coreference stage reads names and descriptions with (never names of the texts).
// Word predicates are remembered per word: each article asks the lexicon about the same words many times.
import { firstName, honorific, lexTags, type Gender } from '../nlp.js';
import { own } from '../own.js';
import { ORG_HEADS, SPEECH } from '../speakers/words.js';

const MEMO_MAX = 50_000;
export function remembered<T>(f: (w: string) => T): (w: string) => T {
  const seen = new Map<string, T>();
  return (w) => {
    let v = seen.get(w);
    if (v === undefined && !seen.has(w)) {
      if (seen.size >= MEMO_MAX) seen.clear();
      seen.set(own(w), (v = f(w)));
    }
    return v as T;
  };
}

/** compromise's first name and honorific lexicons, remembered. */
export const firstNameOf = remembered(firstName);
export const honorificOf = remembered(honorific);

/** Personal pronouns and what they agree with. */
export const PRONOUN: Record<string, 'male' | 'female' | 'plural' | 'thing' | 'first' | 'relative'> = {
  he: 'male', him: 'male', his: 'male', himself: 'male',
  she: 'female', her: 'female', hers: 'female', herself: 'female',
  they: 'plural', them: 'plural', their: 'plural', themselves: 'plural',
  it: 'thing', its: 'thing', itself: 'thing',
  i: 'first', me: 'first', my: 'first', we: 'first', us: 'first', our: 'first',
  who: 'relative', whom: 'relative', whose: 'relative', which: 'relative', that: 'relative',
};

/** The gendered pronouns of the narrative another pronoun may take up ("his refusal ... she said"). */
export const GENDERED = new Set(['he', 'him', 'his', 'she', 'her']);

/** Title and office words compromise does not tag as roles, and abbreviations read as their full form. */
const TITLE_WORDS = new Set(
  ('senator sen congressman congresswoman representative rep del delegate gov governor mayor speaker chair chairman ' +
    'chairwoman chairperson spokesman spokeswoman spokesperson secretary minister premier chancellor president ' +
    'vice deputy acting interim former retired ex nominee candidate leader whip judge justice attorney prosecutor ' +
    'sheriff ambassador envoy aide adviser advisor strategist pollster founder ceo cfo coo chief head director ' +
    'commissioner officer commander general gen lt col maj capt sgt adm cpl pvt admiral colonel lieutenant major ' +
    'captain sergeant corporal dr prof professor rev reverend father pastor rabbi imam bishop archbishop cardinal pope ' +
    'king queen prince princess emperor sheikh lord lady sir dame mr mrs ms miss host anchor correspondent ' +
    'first lady activist economist analyst executive treasurer auditor comptroller assemblyman assemblywoman ' +
    'councilman councilwoman alderman superintendent inspector detective officer trooper coach manager owner ' +
    // party labels stand before names as titles do ("Democrat Hillary Clinton")
    'democrat republican libertarian independent').split(' '),
);
const ABBREVIATION: Record<string, string> = {
  sen: 'senator', rep: 'representative', del: 'delegate', gov: 'governor', gen: 'general', lt: 'lieutenant',
  col: 'colonel', maj: 'major', capt: 'captain', sgt: 'sergeant', adm: 'admiral', dr: 'doctor', prof: 'professor',
  rev: 'reverend', pres: 'president', sec: 'secretary', atty: 'attorney', supt: 'superintendent', insp: 'inspector',
  congressman: 'representative', congresswoman: 'representative', chairman: 'chair', chairwoman: 'chair',
  chairperson: 'chair', spokesman: 'spokesperson', spokeswoman: 'spokesperson', advisor: 'adviser',
};

/** "Del", "Sen", "Gov": a title abbreviation, whose period is part of it. */
export const isTitleAbbreviation = (w: string) => /^\p{Lu}\p{Ll}{1,4}$/u.test(w) && w.toLowerCase() in ABBREVIATION;

const bare = (w: string) => w.toLowerCase().replace(/\.$/u, '').replace(/['\u2019]s$/u, '');
/** The form titles are compared in: "Sen." and "senator" are one title. */
export const titleKey = (w: string) => ABBREVIATION[bare(w)] ?? bare(w);

/** A word naming an office, a role or a title (capitalised or not): "Sen.", "President", "spokeswoman", "nominee". */
export const isTitle = remembered((word: string): boolean => {
  const w = bare(word);
  if (TITLE_WORDS.has(w)) return true;
  const tags = lexTags(w);
  return tags.includes('Actor') || (tags.includes('Honorific') && !/^(jr|sr)$/u.test(w));
});

/** Words that only follow a name: "Jr.", "II". */
export const isSuffix = (word: string) => word.length <= 4 && 'JSIV'.includes(word[0]) && /^(jr|sr|ii|iii|iv|v)$/u.test(bare(word));
/** Lower-case words inside names: "Bill de Blasio", "Osama bin Laden". */
export const PARTICLES = new Set('de del della der den di da dos das du la le van von bin ibn al el y st'.split(' '));
/** Words joining the parts of an organization's name: "Department of Homeland Security", "Bailey & Glasser". */
export const NAME_JOINERS = new Set(['of', 'for', '&', 'and', 'on']);

/** Nouns a gender follows from ("the congresswoman", "his daughter"). */
const MALE_NOUNS = new Set('man men mr sir lord king prince father son brother husband uncle nephew grandfather boy spokesman congressman chairman businessman assemblyman councilman'.split(' '));
const FEMALE_NOUNS = new Set('woman women mrs ms miss madam dame lady queen princess mother daughter sister wife aunt niece grandmother girl spokeswoman congresswoman chairwoman businesswoman assemblywoman councilwoman'.split(' '));
export const genderOfWord = remembered((word: string): Gender | null => {
  const w = bare(word);
  if (MALE_NOUNS.has(w)) return 'male';
  if (FEMALE_NOUNS.has(w)) return 'female';
  return honorific(w)?.gender ?? null;
});

/** Nouns for what people or organizations put out: "a Homeland Security memo", "Ivana Trump's brief". */
export const DOCUMENT_NOUNS = new Set(
  ('report memo memorandum statement study survey poll ad ads advertisement letter brief filing ruling complaint release ' +
    'tweet post website site analysis document lawsuit book article editorial piece video clip email e-mail note ' +
    'transcript announcement notice order opinion decision finding findings response reply campaign office').split(' '),
);
/** Nouns for what someone said: "Trump's claim" is his. */
export const SPEECH_NOUNS = new Set('claim claims remark remarks comment comments words assertion assertions argument message warning promise pledge accusation charge'.split(' '));
/** Singular nouns for a group of people: "Scott's family" are several, never one of them. */
export const COLLECTIVE_NOUNS = new Set('family team staff camp crew couple board panel jury'.split(' '));
/** Nouns for people who speak for an organization without being named. */
export const SPOKES_NOUNS = new Set('spokesperson spokesman spokeswoman spokespeople spokesmen spokeswomen official officials representative representatives'.split(' '));

/** Sentence-initial words that are no part of a name ("But Clinton said", "Asked about it, Obama"). */
export const isFunctionWord = remembered((word: string): boolean => {
  if (PARTICLES.has(word.toLowerCase())) return false;
  const tags = lexTags(word);
  return tags.some((t) =>
    /^(Conjunction|Determiner|Preposition|QuestionWord|Pronoun|Adverb|Copula|Modal|Negative|Expression|Auxiliary|Possessive|Cardinal|Ordinal|WeekDay|Month|Date)$/u.test(t),
  );
});

/** A word the lexicon knows as some other thing than a name (the word before a first name then is no part of it). */
export const isCommonWord = remembered((word: string): boolean => {
  const tags = lexTags(word);
  return tags.length > 0 && !tags.some((t) => /Name|Person|ProperNoun|Place|Region|Country|City|Organization/u.test(t));
});

/** A place name: "Vermont", "New York", "Md." */
export const isPlace = remembered((phrase: string): boolean => lexTags(phrase).some((t) => /^(Place|Region|Country|City|Demonym)$/u.test(t)));

/** Head words of names of things that never speak: events, laws, places, buildings ("Election Day", "Crime Bill"). */
export const THING_HEADS = new Set(
  ('convention conference summit symposium forum show program programme festival day week month year act bill law ' +
    'amendment plan treaty agreement accord award prize war street avenue road square building tower hall park river ' +
    'mountain island city county state states district province region airport station stadium arena speech debate ' +
    'election primary caucuses race series cup games olympics era').split(' '),
);

const WEEKDAYS = new Set('monday tuesday wednesday thursday friday saturday sunday'.split(' '));
const MONTHS = new Set('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
/** A weekday, or a month before a day's number ("On Monday Smith said", "May 5"; but "Theresa May"). */
export const isDate = (word: string, next: string | undefined) => {
  if (word.length > 10 || word.length < 3 || !'MTWFSJAOND'.includes(word[0])) return false;
  const w = word.toLowerCase().replace(/\.$/u, '');
  return WEEKDAYS.has(w) || (MONTHS.has(w) && next !== undefined && /^\d/u.test(next));
};

const IRREGULAR: Record<string, string> = { said: 'say', told: 'tell', wrote: 'write', spoke: 'speak', thought: 'think' };
/** An inflected speech verb: "said", "tells", "argued", "warning". */
export const isSpeechVerb = remembered((w: string): boolean => {
  if (IRREGULAR[w]) return true;
  for (const stem of [w, w.replace(/s$/u, ''), w.replace(/es$/u, ''), w.replace(/ed$/u, ''), w.replace(/d$/u, ''), w.replace(/ing$/u, ''), `${w.replace(/ing$/u, '')}e`, w.replace(/ied$/u, 'y'), w.replace(/ies$/u, 'y')])
    if (SPEECH.has(stem)) return true;
  return false;
});

/** What the lexicon knows of one word, looked up once per distinct word and carried by each token. */
export interface Lex {
  first: { gender: Gender | null } | null;
  honorific: { gender: Gender | null } | null;
  title: boolean;
  /** A closed-class word that opens sentences: "But", "When", "The". */
  func: boolean;
  /** Known to the lexicon as something other than a name. */
  common: boolean;
  place: boolean;
  /** Tagged as a person or a (first or last) name. */
  person: boolean;
  /** The gender a title or noun gives ("Mrs.", "spokeswoman"). */
  gender: Gender | null;
  orgHead: boolean;
  /** compromise knows it as an organization ("NATO"). */
  org: boolean;
  verb: boolean;
  adverb: boolean;
  speech: boolean;
}

export const lexOf = remembered((word: string): Lex => {
  const w = word.replace(/['\u2019]s$|['\u2019]$/u, '');
  const lower = w.toLowerCase();
  const tags = lexTags(lower);
  return {
    first: firstName(w),
    honorific: honorific(w),
    title: isTitle(w),
    func: isFunctionWord(w),
    common: isCommonWord(w),
    place: isPlace(w),
    person: tags.some((t) => /Person|LastName|Name/u.test(t)),
    gender: genderOfWord(w),
    orgHead: ORG_HEADS.has(lower.replace(/\.$/u, '')) || ORG_HEADS.has(lower.replace(/s$/u, '')),
    org: tags.includes('Organization'),
    verb: tags.some((t) => /^(PastTense|PresentTense|Infinitive|Modal|Copula|Auxiliary|Verb|PerfectTense|FutureTense)$/u.test(t)),
    adverb: tags.includes('Adverb'),
    speech: isSpeechVerb(lower),
  };
});
