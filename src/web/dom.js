// A tiny element builder: text always goes in as text nodes, so nothing from the graph is parsed as HTML.

/** h('a', { href, class: 'x', onclick }, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** A stable, attribute-safe token for test ids and anchors ("person:claudia-sheinbaum" -> "person-claudia-sheinbaum"). */
export const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2025-05-03" -> "3 May 2025"; null -> the fallback. */
export function fmtDate(iso, fallback = 'undated') {
  if (!iso) return fallback;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

export const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

/** Text with its highlighted ranges (offsets into it) as <mark>s: [text, <mark>, text, …]. */
export function highlighted(text, ranges = []) {
  const out = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    out.push(text.slice(at, r.start), h('mark', { class: 'hit' }, text.slice(r.start, r.end)));
    at = r.end;
  }
  out.push(text.slice(at));
  return out;
}

/** "../seeds/blog-post.txt" -> "blog-post.txt" */
export const basename = (path) => String(path ?? '').split(/[\\/]/).pop();

/** Below this an attribution counts as unsure (the speakers stage gives 0 to a quote it could not attribute). */
export const SURE = 0.6;

/** 0.92 -> "92 %" */
export const percent = (x) => `${Math.round(100 * x)} %`;

/**
 * When something was said, with where the date came from: a relative phrase gives an approximate date
 * ("≈ 3 Feb 2025, from ‘three months ago’"); a phrase naming its year, an exact one.
 */
export function saidLabel(saidOn, saidOnFrom) {
  if (!saidOn) return null;
  if (!saidOnFrom) return `said ${fmtDate(saidOn)}`;
  return /\b\d{4}\b/.test(saidOnFrom) ? `said ${fmtDate(saidOn)} (“${saidOnFrom}”)` : `said ≈ ${fmtDate(saidOn)}, from ‘${saidOnFrom}’`;
}

/** Where and when a statement was made, as the articles tie it ("debate · 9 Oct 2016 · St. Louis · on CNN"). */
export function occasionLabel(o) {
  return [o.kind, o.date ? fmtDate(o.date) : null, o.place, o.medium ? `on ${o.medium}` : null].filter(Boolean).join(' · ');
}
