// cypher/queries.cypher, the analysts' queries, read as data: the test runs each one and the Neo4j Browser guide
// (cypher/guide.html, `npx tsx src/graph/analyst.ts > cypher/guide.html`) is rendered from the same file, so the
// two never drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../config.js';

export const QUERIES_FILE = join(ROOT, 'cypher/queries.cypher');

export interface AnalystQuery {
  title: string;
  /** The comment lines after the title. */
  notes: string;
  /** `:param name => expression` lines, in order (expressions are Cypher, evaluated by the Browser). */
  params: { name: string; expression: string }[];
  /** The query, without its final semicolon. */
  cypher: string;
}

const PARAM = /^:param\s+(\w+)\s*=>\s*(.+?);?\s*$/;

/**
 * Blocks of `// N. Title` + comment lines, `:param` lines, then Cypher up to a line ending in `;`.
 * A comment block followed by a blank line (the file's preamble) belongs to no query.
 */
export function parseQueries(text: string): AnalystQuery[] {
  const out: AnalystQuery[] = [];
  let comments: string[] = [];
  let params: AnalystQuery['params'] = [];
  let body: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const param = PARAM.exec(line);
    if (!body.length && line.startsWith('//')) comments.push(line.replace(/^\/\/\s?/, ''));
    else if (!body.length && !line.trim()) {
      if (!params.length) comments = [];
    } else if (!body.length && param) params.push({ name: param[1], expression: param[2] });
    else {
      body.push(line);
      if (line.endsWith(';')) {
        const [title = '', ...notes] = comments;
        out.push({
          title: title.replace(/^\d+\.\s*/, ''),
          notes: notes.map((n) => n.trim()).join(' '),
          params,
          cypher: body.join('\n').replace(/;$/, ''),
        });
        comments = [];
        params = [];
        body = [];
      }
    }
  }
  return out;
}

export const loadQueries = (path = QUERIES_FILE): AnalystQuery[] => parseQueries(readFileSync(path, 'utf8'));

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const slide = (title: string, left: string, right: string) => `    <slide class="row-fluid">
      <div class="col-sm-4">
        <h3>${escapeHtml(title)}</h3>
${left}
      </div>
      <div class="col-sm-8">
${right}
      </div>
    </slide>`;

const runnable = (q: AnalystQuery) =>
  `        <pre class="pre-scrollable code runnable">${escapeHtml(
    [...q.params.map((p) => `:param ${p.name} => ${p.expression};`), `${q.cypher};`].join('\n'),
  )}</pre>`;

/** A Neo4j Browser guide (`:play <url>`): an opening slide, then one slide per query with a runnable block. */
export function renderGuide(queries: AnalystQuery[]): string {
  const intro = slide(
    'QuoteGraph: who said what, reported by whom',
    `        <p>Speakers <b>SAID</b> statements; each outlet's article <b>QUOTES</b> its own wording, which
        <b>REPORTS</b> the statement. Statements and quotes are <b>ABOUT</b> topics of a taxonomy
        (<b>BROADER</b> links a topic to its parent).</p>
        <p>Click a query block to put it in the editor, then run it. The <code>:param</code> lines set its
        parameters: change them to ask about another topic, speaker or outlet.</p>`,
    `        <pre class="pre-scrollable code">(:Speaker)-[:SAID]-&gt;(:Statement)-[:ABOUT]-&gt;(:Topic)-[:BROADER]-&gt;(:Topic)
(:Outlet)&lt;-[:PUBLISHED_BY]-(:Article)-[:QUOTES]-&gt;(:Quote)-[:REPORTS]-&gt;(:Statement)
(:Quote)-[:ATTRIBUTED_TO {mention}]-&gt;(:Speaker)</pre>
        <p>Colours and captions: drag <code>cypher/style.grass</code> onto the Browser window.</p>
        <pre class="pre-scrollable code runnable">CALL db.schema.visualization();</pre>`,
  );
  const slides = queries.map((q) => slide(q.title, q.notes ? `        <p>${escapeHtml(q.notes)}</p>` : '', runnable(q)));
  return `<!-- Generated from cypher/queries.cypher by src/graph/analyst.ts: edit the queries there, then re-render. -->
<article class="guide">
  <carousel class="deck container-fluid">
${[intro, ...slides].join('\n')}
  </carousel>
</article>
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(renderGuide(loadQueries()));
