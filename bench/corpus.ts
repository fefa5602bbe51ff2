// Benchmarks read research corpora from ../shared by path (never copied into the repo).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../src/config.js';

export const BBC = resolve(process.env.QG_BBC_DIR ?? resolve(ROOT, '../shared/corpora/bbc-news'));
export const SEEDS = resolve(ROOT, 'test/fixtures/seeds');

export function requireCorpus(dir: string): string {
  if (!existsSync(dir)) {
    console.error(`corpus not found: ${dir} (set QG_BBC_DIR to the bbc-news folder)`);
    process.exit(2);
  }
  return dir;
}

export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
