// The API's occasions and reference wordings over the seeds, ingested by the real ingest: Statement.occasion and
// Statement.reference, the occasions connection with its filters, and statements filtered by occasion.
import { describe, expect, it } from 'vitest';
import { seededApi } from '../support/api.js';

const { ok, request } = seededApi();

describe('occasions and references', () => {
  it('every statement names its reference report, whose wording is its canonical one and whose difference is canonical', async () => {
    const { statements } = await ok(`{ statements(first: 40) {
      totalCount edges { node { id canonical reference { id text difference article { outlet { name } } } reports { quote { id } difference wording } } } } }`);
    expect(statements.totalCount).toBeGreaterThan(0);
    for (const { node } of statements.edges) {
      expect(node.reference.text).toBe(node.canonical);
      expect(node.reference.difference).toBe('canonical');
      expect(node.reports.filter((r: any) => r.difference === 'canonical').map((r: any) => r.quote.id)).toEqual([node.reference.id]);
    }
    // the sovereignty passage is reported by the AP and The Hill: its reference comes from one of them
    const sovereignty = statements.edges.map((e: any) => e.node).find((n: any) => n.reports.some((r: any) => /not for sale/i.test(r.wording)) && n.reports.length > 4);
    expect(['Associated Press', 'The Hill']).toContain(sovereignty.reference.article.outlet?.name);
  });

  it('lists occasions with their statements, filtered by kind, date and speaker', async () => {
    const { occasions } = await ok(`{ occasions(first: 50) { totalCount edges { node { id kind date place medium statements { id occasion { id } speaker { name } } } } } }`);
    expect(occasions.totalCount).toBeGreaterThan(0);
    for (const { node } of occasions.edges) {
      expect(node.statements.length).toBeGreaterThan(0);
      for (const st of node.statements) expect(st.occasion.id).toBe(node.id);
    }
    const kind = occasions.edges[0].node.kind;
    const byKind = await ok(`query ($k: String) { occasions(where: { kind: { eq: $k } }) { totalCount edges { node { kind } } } }`, { k: kind });
    expect(byKind.occasions.edges.every((e: any) => e.node.kind === kind)).toBe(true);
    const bySpeaker = await ok(`{ occasions(where: { speaker: { name: { eq: "Claudia Sheinbaum" } } }) { edges { node { statements { speaker { name } } } } } }`);
    for (const e of bySpeaker.occasions.edges) expect(e.node.statements.map((s: any) => s.speaker.name)).toContain('Claudia Sheinbaum');
    const dated = await ok(`{ occasions(where: { date: { gte: "2025-01-01" } }, sort: [{ date: ASC }]) { edges { node { date } } } }`);
    const dates = dated.occasions.edges.map((e: any) => e.node.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('filters statements by their occasion and finds one occasion by id', async () => {
    const { occasions } = await ok(`{ occasions(first: 1) { edges { node { id kind } } } }`);
    const { id, kind } = occasions.edges[0].node;
    const { statements } = await ok(`query ($k: String) { statements(where: { occasion: { kind: { eq: $k } } }) { edges { node { occasion { kind } } } } }`, { k: kind });
    expect(statements.edges.length).toBeGreaterThan(0);
    expect(statements.edges.every((e: any) => e.node.occasion.kind === kind)).toBe(true);
    expect((await ok(`query ($id: ID!) { occasion(id: $id) { id } }`, { id })).occasion.id).toBe(id);
    expect((await ok(`{ occasion(id: "occasion:none") { id } }`)).occasion).toBeNull();
  });
});
