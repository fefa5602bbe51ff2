// Word lists of the speakers stage: closed classes of English news style, not names.

/** Lemmas of verbs that report speech or writing. */
export const SPEECH = new Set(
  ('say tell add warn state emphasize emphasise note write tweet post ask explain claim insist argue continue respond reply ' +
    'declare announce stress assert maintain acknowledge admit recall quip sigh complain suggest mention observe remark report ' +
    'testify urge vow promise joke muse reiterate highlight caution boast lament proclaim pledge threaten tout contend concede ' +
    'confirm deny predict plead demand question wonder counter retort conclude describe call accuse charge criticize criticise ' +
    'slam blast dismiss label dub brand term reveal disclose inform recount quote sing chant shout yell scream whisper cry ' +
    'agree disagree object protest complain allege estimate concur affirm reaffirm acknowledged indicate point put begin ' +
    'cite rate rule opine reason posit tease mock hail praise summarize summarise interject interrupt recall reflect').split(' '),
);
/** Words that head the name of an organization. */
export const ORG_HEADS = new Set(
  ('council command department house committee commission agency bureau office ministry party campaign association union ' +
    'company corporation corp inc ltd plc group university institute foundation center centre network news times post journal ' +
    'press reuters administration government court congress senate parliament assembly board authority service services ' +
    'bank fund firm police army navy force forces team club league federation organization organisation organizations ' +
    'coalition alliance cartel council school college hospital trust commission ministry white-house fbi cia nsc un eu nato ' +
    'magazine channel broadcaster newspaper website tribune herald gazette review daily agency').split(' '),
);
/** Nouns for people who speak for an organization: "a spokesperson for X" is X speaking. */
export const SPOKES = new Set('spokesperson spokesman spokeswoman representative rep'.split(' '));
export const PERSONAL = { he: 'male', him: 'male', his: 'male', she: 'female', her: 'female' } as const;
export const PLURAL_PRONOUNS = new Set(['they', 'them']);
/** Words opening a clause whose pronoun subject is the main subject ("what she calls", "in which he called"). */
export const BINDING = new Set(['what', 'which', 'that', 'when', 'whom']);
export const POSSESSIVES = new Set(['his', 'her', 'its', 'their']);
export const QUOTE_CHARS = /^["'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f`]+$/u;
export const DASHES = new Set(['\u2015', '\u2014', '\u2013', '-', '--']);
/** Nouns for works that bear a title: "his book, “Make Your Kid a Millionaire”" quotes the title, not words. */
export const WORKS = new Set('book show film movie song anthem album documentary podcast memoir novel play series episode column'.split(' '));
