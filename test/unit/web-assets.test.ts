// The explorer's static files: the page and its one vendor library are served, nothing else of the disk is.
import { describe, expect, it } from 'vitest';
import { explorerAsset, explorerResponse } from '../../src/web/assets.js';

describe('explorer assets', () => {
  it('serves the page, its modules and cytoscape from node_modules', async () => {
    expect((await explorerAsset('/'))?.type).toBe('text/html; charset=utf-8');
    expect((await explorerAsset('/app.js'))?.type).toBe('text/javascript; charset=utf-8');
    expect((await explorerAsset('/explorer.css'))?.type).toBe('text/css; charset=utf-8');
    const cy = await explorerAsset('/vendor/cytoscape.mjs');
    expect(cy?.body.toString('utf8')).toMatch(/export\s*\{/);
  });

  it('refuses anything outside the page: climbing out, server code, unlisted vendor files', async () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets.ts', '/vendor/diff.js', '/vendor/../../package.json', '/nope.js', '/%E0%A4%A']) {
      expect(await explorerAsset(path), path).toBeNull();
    }
  });

  it('answers GET and HEAD only, and lets other paths fall through', async () => {
    const get = await explorerResponse(new Request('http://x/app.js'));
    expect(get?.status).toBe(200);
    expect(get?.headers.get('cache-control')).toBe('no-cache');
    expect(await explorerResponse(new Request('http://x/app.js', { method: 'POST', body: '' }))).toBeNull();
    expect(await explorerResponse(new Request('http://x/graphql'))).toBeNull();
  });
});
