// Downloads of the current view: one row per report (an outlet's wording of a statement) with its provenance,
// as CSV (RFC 4180, safe to open in a spreadsheet) or JSON.

export const COLUMNS = ['speaker', 'statement', 'outlet', 'date', 'wording', 'confidence', 'source', 'said_on', 'said_on_from', 'named_as', 'headline'];

/** Rows from statements as the EXPORT query returns them; `minConfidence` leaves out unsure attributions. */
export function exportRows(statements, { minConfidence = 0 } = {}) {
  const rows = [];
  for (const st of statements) {
    for (const r of st.reports) {
      if ((r.quote?.confidence ?? 0) < minConfidence) continue;
      rows.push({
        speaker: st.speaker?.name ?? '',
        statement: st.canonical,
        outlet: r.outlet?.name ?? '',
        date: r.date ?? '',
        wording: r.wording,
        confidence: r.quote?.confidence ?? null,
        source: r.article?.url ?? r.article?.file ?? '',
        said_on: r.quote?.saidOn ?? '',
        said_on_from: r.quote?.saidOnFrom ?? '',
        named_as: r.quote?.mention?.text ?? '',
        headline: r.article?.caption ?? '',
      });
    }
  }
  return rows;
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break (quotes doubled); a text a spreadsheet would
 * run as a formula (= + - @, or a tab or carriage return first) gets a leading apostrophe, as OWASP advises.
 */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== String(value) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header line, then one line per row, CRLF line ends, a byte-order mark for spreadsheets. */
export function toCsv(rows, columns = COLUMNS) {
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const toJson = (rows) => `${JSON.stringify(rows, null, 2)}\n`;

/** Saves text as a file through a temporary link (no server round trip). */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
