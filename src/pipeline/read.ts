// Input files -> Sources, one at a time (memory stays flat however many files a run reads).
// Plain text is kept exactly as read (only a UTF-8 byte-order mark is dropped) so offsets point into it;
// JSON/JSONL records and HTML pages bring their own metadata. A bad input yields an error and the run goes on.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { z } from 'zod';
import type { GivenMeta, Source } from './doc.js';
import { extractHtml, HtmlProblem } from './html.js';

export interface ReadProblem {
  file: string;
  problem: string;
}
export type ReadItem = { source: Source } | { error: ReadProblem };

export interface ReadOptions {
  /** Larger files are refused (bytes); default 20 MB. */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;
const MB = 1024 * 1024;

/** Thrown inside this module for a file that cannot be read; becomes a ReadProblem. */
class BadInput extends Error {}

/** Any message on one line: a problem is reported as one line of the run's output. */
const oneLine = (message: string) => message.replace(/\s+/g, ' ').trim();

/** What an unexpected error says, on one line. */
export const errorLine = (e: unknown): string => oneLine(String((e as Error)?.message ?? e));

const nullableString = z.string().nullish();
const ArticleRecord = z.object({
  text: z
    .string({ error: (issue) => (issue.input === undefined ? 'missing' : 'not a string') })
    .refine((t) => t.trim() !== '', 'empty'),
  title: nullableString,
  outlet: nullableString,
  url: nullableString,
  published: nullableString,
  byline: z.union([z.string(), z.array(z.string())]).nullish(),
});
type ArticleRecord = z.infer<typeof ArticleRecord>;

export const sourceId = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

const makeSource = (file: string, text: string, given: GivenMeta = {}): Source => ({ file, id: sourceId(text), text, given });

export async function* readSources(paths: string[], options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const path of paths) {
    const kind = await pathKind(path);
    if (kind === 'dir') yield* readFolder(path, limit);
    else if (kind === 'file') yield* fileSources(path, limit);
    else yield { error: { file: path, problem: kind.problem } };
  }
}

async function pathKind(path: string): Promise<'file' | 'dir' | { problem: string }> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : { problem: 'not a regular file or folder' };
  } catch (e) {
    return { problem: fsProblem(e) };
  }
}

function fsProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return errorLine(e);
}

async function* readFolder(dir: string, limit: number): AsyncGenerator<ReadItem> {
  let found = 0;
  for await (const file of walk(dir)) {
    for await (const item of fileSources(file, limit)) {
      if ('source' in item) found++;
      yield item;
    }
  }
  if (found === 0) yield { error: { file: dir, problem: 'no articles found in folder' } };
}

/** Files under `dir`, depth first, names in code-point order; hidden entries are skipped. */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() || (entry.isSymbolicLink() && (await pathKind(path)) === 'file')) yield path;
  }
}

/**
 * The sources of one file, or what is wrong with it. Whatever goes wrong reading one file (a parser's own error
 * included: a stack overflow, say) is that file's problem, on one line, and the run goes on with the next.
 */
async function* fileSources(file: string, limit: number): AsyncGenerator<ReadItem> {
  try {
    const text = readText(file, limit);
    const ext = extname(file).toLowerCase();
    if (ext === '.json') yield* jsonSources(file, text);
    else if (ext === '.jsonl' || ext === '.ndjson') yield* jsonlSources(file, text);
    else if (ext === '.html' || ext === '.htm' || ext === '.xhtml') yield htmlSource(file, text);
    else yield { source: makeSource(file, text) };
  } catch (e) {
    const known = e instanceof BadInput || e instanceof HtmlProblem;
    yield { error: { file, problem: known ? e.message : `could not be read: ${fsProblem(e)}` } };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true }); // fatal: invalid UTF-8 throws; drops a leading BOM

/**
 * The file as UTF-8 text: refused when too large, empty, binary or not valid UTF-8. Read synchronously: for news
 * files (a few KB) fs/promises costs ~0.2-0.4 ms of CPU a file in thread-pool round trips, readFileSync ~0.02 ms,
 * and the size limit bounds how long one read can block.
 */
function readText(file: string, limit: number): string {
  const { size } = statSync(file);
  if (size > limit) {
    throw new BadInput(`file is ${(size / MB).toFixed(1)} MB, over the ${+(limit / MB).toFixed(2)} MB limit`);
  }
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new BadInput('empty file');
  if (bytes.includes(0)) throw new BadInput('binary file (contains NUL bytes), not text');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BadInput('not valid UTF-8 text');
  }
  if (!/\S/.test(text)) throw new BadInput('empty file (only whitespace)');
  return text;
}

function givenMeta(r: ArticleRecord): GivenMeta {
  const byline = typeof r.byline === 'string' ? [r.byline] : (r.byline ?? []);
  return {
    title: r.title ?? null,
    outlet: r.outlet ?? null,
    url: r.url ?? null,
    published: r.published ?? null,
    byline: byline.map((b) => b.trim()).filter(Boolean),
  };
}

/** One JSON value -> a Source, or what is wrong with it (`where`: "record 2", "line 7"). */
function recordItem(file: string, value: unknown, where: string): ReadItem {
  const parsed = ArticleRecord.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue.path.length ? `"${issue.path.join('.')}" ${issue.message}` : 'not an object';
    return { error: { file, problem: `${where}: ${problem}` } };
  }
  return { source: makeSource(file, parsed.data.text, givenMeta(parsed.data)) };
}

/**
 * What JSON.parse found wrong, on one line and without quoting the input (V8 quotes a stretch of it, newlines
 * and all): "malformed JSON at line 3, column 7: expected double-quoted property name". `text` is one JSONL line
 * when `jsonl`: its line number is said before, so only the column is.
 */
function jsonProblem(e: unknown, text: string, jsonl: boolean): string {
  const message = String((e as Error)?.message ?? e);
  const token = /^Unexpected token '([^]*?)', [^]* is not valid JSON$/.exec(message);
  if (token) return `malformed JSON: unexpected character ${JSON.stringify(token[1])}`;
  const at = /^([^]*?)(?: in JSON)? at position (\d+)/.exec(message);
  if (!at) return `malformed JSON: ${lowerFirst(oneLine(message))}`;
  const before = text.slice(0, Number(at[2]));
  const column = before.length - before.lastIndexOf('\n');
  const where = jsonl ? `column ${column}` : `line ${before.split('\n').length}, column ${column}`;
  return `malformed JSON at ${where}: ${lowerFirst(oneLine(at[1]))}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function* jsonSources(file: string, text: string): Generator<ReadItem> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    yield { error: { file, problem: jsonProblem(e, text, false) } };
    return;
  }
  const records = Array.isArray(value) ? value : [value];
  if (records.length === 0) yield { error: { file, problem: 'no records (empty JSON array)' } };
  for (const [i, record] of records.entries()) yield recordItem(file, record, `record ${i + 1}`);
}

function* jsonlSources(file: string, text: string): Generator<ReadItem> {
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield { error: { file, problem: `line ${i + 1}: ${jsonProblem(e, line, true)}` } };
      continue;
    }
    yield recordItem(file, value, `line ${i + 1}`);
  }
}

function htmlSource(file: string, html: string): ReadItem {
  const page = extractHtml(html);
  if (page.text.trim() === '') return { error: { file, problem: 'no article text found in the HTML page' } };
  return { source: makeSource(file, page.text, page.given) };
}
