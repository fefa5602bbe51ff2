// The view lives in the URL hash (#topic=sovereignty&via=The+Hill&statement=…), so views can be shared and Back
// works; the status line and the screen-reader announcement are shared by every view.

/** What the overview shows, its filters, and the open detail. */
export const FILTERS = ['via', 'from', 'to', 'who', 'type', 'sure'];
export const DETAILS = ['statement', 'speaker', 'outlet', 'article'];

const $ = (id) => document.getElementById(id);

export function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return Object.fromEntries([...p].filter(([, v]) => v));
}

/**
 * Merges into the current hash. A new topic keeps the filters and drops the detail; a search drops both (its
 * answer is not filtered); opening one detail closes another.
 */
export function navigate(change) {
  const next = { ...readHash(), ...change };
  const drop = (keys) => keys.forEach((k) => !(k in change) && delete next[k]);
  if ('topic' in change) drop(['q', ...DETAILS]);
  if ('q' in change) drop(['topic', ...FILTERS, ...DETAILS]);
  if (DETAILS.some((k) => k in change)) drop(DETAILS);
  location.hash = new URLSearchParams(Object.entries(next).filter(([, v]) => v)).toString();
}

/** A link that opens a detail while keeping the overview and its filters. */
export function hrefWith(detail) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(readHash())) if (!DETAILS.includes(k)) p.set(k, v);
  for (const [k, v] of Object.entries(detail)) p.set(k, v);
  return `#${p}`;
}

export function setStatus(text, kind = '') {
  const status = $('status');
  status.hidden = !text;
  status.className = `status ${kind}`.trim();
  status.textContent = text ?? '';
}

/** Tells screen readers what changed in a sentence (the panels themselves are not live regions). */
export function announce(text) {
  $('announce').textContent = text;
}

const latest = {};
let busy = 0;

/** Invalidates any load of a slot still under way (the view moved on). */
export const supersede = (slot) => void (latest[slot] = (latest[slot] ?? 0) + 1);

/**
 * Runs a loader for one slot of the page (overview or detail) with a status line. A newer load of the same slot
 * wins: `current()` turns false once the user has moved on, so a slow answer never paints over a newer view.
 */
export async function load(slot, label, body) {
  supersede(slot);
  const ticket = latest[slot];
  const current = () => latest[slot] === ticket;
  setStatus(label);
  busy += 1;
  document.body.setAttribute('aria-busy', 'true');
  let failed = null;
  try {
    await body(current);
  } catch (e) {
    if (current()) failed = e;
  }
  busy -= 1;
  if (!busy) document.body.removeAttribute('aria-busy');
  if (failed) {
    setStatus(`Could not load: ${failed.message}`, 'error');
    announce(`Could not load: ${failed.message}`);
  } else if (!busy && !$('status').classList.contains('error')) setStatus(null);
}
