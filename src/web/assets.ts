// The explorer's static files: the page itself (src/web, plain ES modules, no build step) and the browser library
// it loads (cytoscape's ES module build), served straight from node_modules so the page works offline, no CDN.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { ROOT } from '../config.js';

const WEB_DIR = join(ROOT, 'src/web');

/** URL path under /vendor/ -> file in node_modules (an allow-list: nothing else of node_modules is reachable). */
const VENDOR: Record<string, string> = {
  'cytoscape.mjs': 'cytoscape/dist/cytoscape.esm.min.mjs',
};

/** The page's own files; .ts (this module) and anything else in src/web stays private. */
const PAGE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  body: Buffer;
  type: string;
}

/** Resolves a request path ("/", "/app.js", "/vendor/cytoscape.mjs") to the file to send, or null (404). */
export async function explorerAsset(urlPath: string): Promise<Asset | null> {
  let file: string;
  if (urlPath.startsWith('/vendor/')) {
    const target = VENDOR[urlPath.slice('/vendor/'.length)];
    if (!target) return null;
    file = join(ROOT, 'node_modules', target);
  } else {
    let rel: string;
    try {
      rel = urlPath === '/' || urlPath === '' ? 'index.html' : decodeURIComponent(urlPath.replace(/^\/+/, ''));
    } catch {
      return null; // malformed %-escapes
    }
    file = normalize(join(WEB_DIR, rel));
    if (!file.startsWith(WEB_DIR + sep)) return null;
  }
  const type = PAGE_TYPES[extname(file)];
  if (!type) return null;
  try {
    return { body: await readFile(file), type };
  } catch {
    return null;
  }
}

/** The same as a fetch-API handler (graphql-yoga, Hono, plain `Request`): a Response, or null to fall through. */
export async function explorerResponse(request: Request): Promise<Response | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const asset = await explorerAsset(new URL(request.url).pathname);
  if (!asset) return null;
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(asset.body), {
    headers: {
      'content-type': asset.type,
      // the page changes with the code, vendor files with package versions: revalidate the first, cache the second
      'cache-control': new URL(request.url).pathname.startsWith('/vendor/') ? 'public, max-age=86400' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}
