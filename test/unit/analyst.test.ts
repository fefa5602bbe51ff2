// The Browser guide is rendered from the analyst queries: it must be current, and hold each of them runnable.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadQueries, parseQueries, renderGuide } from '../../src/graph/analyst.js';

describe('analyst queries', () => {
  it('parses titles, notes, :param lines and the query', () => {
    const [q] = parseQueries(`// preamble\n\n// 1. Title\n// more\n:param topic => 'x';\n:param n => 5;\nMATCH (n)\nRETURN n LIMIT $n;\n`);
    expect(q).toEqual({
      title: 'Title',
      notes: 'more',
      params: [{ name: 'topic', expression: "'x'" }, { name: 'n', expression: '5' }],
      cypher: 'MATCH (n)\nRETURN n LIMIT $n',
    });
  });

  it('cypher/guide.html is the rendering of cypher/queries.cypher (re-render: npx tsx src/graph/analyst.ts > cypher/guide.html)', () => {
    const queries = loadQueries();
    const guide = readFileSync(join(ROOT, 'cypher/guide.html'), 'utf8');
    expect(guide).toBe(renderGuide(queries));
    expect(guide.match(/<pre class="pre-scrollable code runnable">/g)).toHaveLength(queries.length + 1);
  });
});
