import { readdir, readFile, stat, open } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
const root = '/work/shared/corpora/bbc-news';
const files: string[] = [];
for (const d of await readdir(root)) for (const f of await readdir(join(root, d))) files.push(join(root, d, f));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const td = new TextDecoder('utf-8', { fatal: true });
const variants: Record<string, (f: string) => Promise<unknown>> = {
  statRead: async (f) => { await stat(f); return td.decode(await readFile(f)); },
  read: async (f) => td.decode(await readFile(f)),
  readUtf8: async (f) => readFile(f, 'utf8'),
  openStatRead: async (f) => { const h = await open(f); try { await h.stat(); return td.decode(await h.readFile()); } finally { await h.close(); } },
  sync: async (f) => { statSync(f); return td.decode(readFileSync(f)); },
  hash: async (f) => createHash('sha256').update(td.decode(readFileSync(f))).digest('hex'),
};
for (let round = 0; round < 2; round++) for (const [k, fn] of Object.entries(variants)) {
  const c = cpu(); const t = performance.now();
  for (const f of files) await fn(f);
  console.log(k, ((cpu() - c) / files.length).toFixed(3), 'ms cpu/file', ((performance.now() - t) / files.length).toFixed(3), 'ms wall');
}
