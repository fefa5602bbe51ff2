// The gazetteer (src/data/gazetteer.yaml, or QG_GAZETTEER): known people and organizations, place words,
// titles and organization head words. Users extend the file; resolution reads everything it knows from it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { SpeakerType } from '../pipeline/doc.js';
import { fold } from './names.js';

const EntitySchema = z.object({
  name: z.string().min(1),
  type: z.enum(['person', 'organization']),
  aliases: z.array(z.string()).default([]),
  roles: z.array(z.string()).default([]),
  wikidata: z.string().regex(/^Q\d+$/).optional(),
});
const FileSchema = z.object({
  titles: z.array(z.string()).default([]),
  places: z.record(z.string(), z.array(z.string())).default({}),
  orgWords: z.array(z.string()).default([]),
  entities: z.array(EntitySchema).default([]),
});

export interface GazetteerEntity {
  name: string;
  type: SpeakerType;
  aliases: string[];
  roles: string[];
  wikidata?: string;
}

export interface Gazetteer {
  entities: GazetteerEntity[];
  /** Folded title phrases as word lists, longest first ("prime minister" before "minister"). */
  titles: string[][];
  /** Folded place word list -> country name ("u s" -> United States), longest first. */
  places: { words: string[]; place: string }[];
  orgWords: Set<string>;
}

export const DEFAULT_GAZETTEER = fileURLToPath(new URL('../data/gazetteer.yaml', import.meta.url));

const words = (s: string) => fold(s).split(' ').filter(Boolean);
const longestFirst = <T extends { length: number }>(a: T, b: T) => b.length - a.length;

export function loadGazetteer(path: string = process.env.QG_GAZETTEER || DEFAULT_GAZETTEER): Gazetteer {
  const file = FileSchema.parse(parse(readFileSync(path, 'utf8')) ?? {});
  return {
    entities: file.entities,
    titles: file.titles.map(words).sort(longestFirst),
    places: Object.entries(file.places)
      .flatMap(([place, forms]) => [place, ...forms].map((f) => ({ words: words(f), place })))
      .sort((a, b) => b.words.length - a.words.length),
    orgWords: new Set(file.orgWords.map((w) => fold(w))),
  };
}
