import { describe, expect, it } from 'vitest';
import type { Article, Quote } from '../../src/pipeline/doc.js';
import { resolveEntities } from '../../src/pipeline/coref/index.js';
import { article, quote } from './pipeline-fixtures.js';

/** The quote of `words` spoken by the occurrence of `mention` nearest to it, as the speaker stage gives it. */
function said(a: Article, words: string, mention: string): Quote {
  const q = quote(a, words);
  const text = a.source.text;
  let best = -1;
  for (let i = text.indexOf(mention); i >= 0; i = text.indexOf(mention, i + 1))
    if (!(i < q.end && q.start < i + mention.length) && (best < 0 || Math.abs(i - q.start) < Math.abs(best - q.start))) best = i;
  if (best < 0) throw new Error(`no mention ${mention}`);
  return { ...q, speaker: { name: mention, type: 'person', mention: { start: best, end: best + mention.length, text: mention } } };
}

/** Names and entity keys the stage gives the quotes `[quote words, mention]` of `text`. */
function run(text: string, quotes: [string, string][]) {
  const a = article(text);
  const out = resolveEntities(a, quotes.map(([w, m]) => said(a, w, m)));
  return out.map((q) => ({ name: q.speaker?.name, type: q.speaker?.type, entity: q.speaker?.entity }));
}
const names = (text: string, quotes: [string, string][]) => run(text, quotes).map((s) => s.name);

describe('resolveEntities', () => {
  it('gives every mention of a person the fullest name the article gives, titles and appositives left out', () => {
    const text =
      'Sen. Elizabeth Warren (D-Mass.) spoke on Monday. "Q0," Warren said.\n' +
      '"Q1," said Sen. Warren.\n"Q2," she added.\n"Q3," said Sen. Elizabeth Warren (D-Mass.).';
    const out = run(text, [['Q0', 'Warren'], ['Q1', 'Sen. Warren'], ['Q2', 'she'], ['Q3', 'Sen. Elizabeth Warren (D-Mass.)']]);
    expect(out.map((s) => s.name)).toEqual(['Elizabeth Warren', 'Elizabeth Warren', 'Elizabeth Warren', 'Elizabeth Warren']);
    expect(new Set(out.map((s) => s.entity)).size).toBe(1);
  });

  it('takes the name from the head of the mention, not from its modifiers or appositives', () => {
    const text =
      'Jane Doe of the Regional Council spoke first. "Q0," said Jane Doe of the Regional Council.\n' +
      'The Rev. John Roe led the prayer. "Q1," said the Rev. John Roe.\n' +
      '"Q2," said Donna Smith, 59, of Ashton, Md.\n' +
      '"Q3," said House Speaker Paul D. Ryan (R-Wis.).\n' +
      '"Q4," said Roe\'s niece, state Del. Marcia "Cia" Price.';
    expect(
      names(text, [
        ['Q0', 'Jane Doe of the Regional Council'],
        ['Q1', 'the Rev. John Roe'],
        ['Q2', 'Donna Smith, 59, of Ashton, Md.'],
        ['Q3', 'House Speaker Paul D. Ryan (R-Wis.)'],
        ['Q4', 'Roe\'s niece, state Del. Marcia "Cia" Price'],
      ]),
    ).toEqual(['Jane Doe', 'John Roe', 'Donna Smith', 'Paul D. Ryan', 'Marcia Price']);
  });

  it('reads the appositive group a mention is one piece of: the person it names, not a party tag, a place or a role', () => {
    const text =
      'House Speaker Paul Ryan, R-Wis., said "Q0."\n' +
      'Donna Smith, 59, of Ashton, Md., who watched the event, said "Q1."\n' +
      '"Q2," Roe\'s niece, state Del. Marcia Price, shouted.';
    expect(names(text, [['Q0', 'R-Wis'], ['Q1', 'Md.'], ['Q2', "Roe's niece"]])).toEqual(['Paul Ryan', 'Donna Smith', 'Marcia Price']);
    // "of Ashton" says where someone is from, and a name after a verb is no appositive
    expect(names('The mayor of Ashton, Md., said "Q0."', [['Q0', 'Md.']])).toEqual(['Md.']);
    expect(names('"Q0," his niece, who met Jane Price, said.', [['Q0', 'his niece']])).toEqual(['his niece']);
  });

  it('takes a relative "who" after a comma for the person named before it, across age and place, and the last of a list', () => {
    const text =
      'Donna Smith, 59, of Ashton, Md., who watched the event, said "Q0."\n' +
      'Guests came, like Ann Roe, Patti Lane and Steve Ward, who joked, "Q1."';
    expect(names(text, [['Q0', 'who'], ['Q1', 'who']])).toEqual(['Donna Smith', 'Steve Ward']);
  });

  it('takes a possessed description or a title noun up as "the" one would, and a family as a group', () => {
    const text =
      'David Axelrod spoke on Wednesday. "Q0," said Obama\'s former campaign strategist.\n' +
      'Adam Schiff, the top Democrat on the committee, spoke. "Q1," the California congressman said.\n' +
      'Lawyer Justin Bamberg met the press. "Q2," Scott\'s family said.';
    expect(names(text, [['Q0', "Obama's former campaign strategist"], ['Q1', 'the California congressman'], ['Q2', "Scott's family"]])).toEqual([
      'David Axelrod',
      'Adam Schiff',
      "Scott's family",
    ]);
  });

  it('reads a role piece with its determiner, from the word it starts in, and with the conjunct before it', () => {
    const text =
      'Hillary Clinton spoke in Ohio. The former first lady and U.S. senator called it "a mistake."\n' +
      'Ivanka Trump, a mother of three, spoke next. "Q1," said the 34-year-old mother.';
    expect(names(text, [['a mistake', 'U.S. senator'], ['Q1', 'old mother']])).toEqual(['Hillary Clinton', 'Ivanka Trump']);
  });

  it('keeps two people who share a surname apart; the bare surname stays with the first named, an office picks its holder', () => {
    const text =
      'Mayor Helen Fox opened the fair with her daughter, Ellen Fox, beside her.\n' +
      '"Q0," Fox said.\n"Q1," said Ellen, who is 19.\n"Q2," Ellen Fox said.\n"Q3," Mayor Fox said.';
    const out = run(text, [['Q0', 'Fox'], ['Q1', 'Ellen'], ['Q2', 'Ellen Fox'], ['Q3', 'Mayor Fox']]);
    expect(out.map((s) => s.name)).toEqual(['Helen Fox', 'Ellen Fox', 'Ellen Fox', 'Helen Fox']);
    expect(out[0].entity).not.toBe(out[1].entity);
    expect(out[0].entity).toBe(out[3].entity);
    // a name after a preposition is no subject the bare surname would take up
    const photo = 'Senator Tom Fox spoke first. Critics posted a photo of Ellen Fox contrasted with her rival.\n"Q0," Fox said.';
    expect(names(photo, [['Q0', 'Fox']])).toEqual(['Tom Fox']);
  });

  it('tells two men with one surname apart by the first name given last', () => {
    const text = 'Tom Baker and his brother Sam Baker run the farm.\nSam Baker showed the barn. "Q0," he said.\n"Q1," Tom Baker said.';
    expect(names(text, [['Q0', 'he'], ['Q1', 'Tom Baker']])).toEqual(['Sam Baker', 'Tom Baker']);
  });

  it('resolves "he" and "she" to the nearest antecedent that agrees, not to the most prominent person', () => {
    const text =
      'Governor Mark Ellis defended the budget on Tuesday. Ellis said the cuts were needed. Ellis repeated it twice.\n' +
      'Maria Lopez, a teacher in the capital, disagreed. "Q0," she said.\n' +
      '"Q1," he said.\n' +
      'Paul Kent, a parent, was there too. "Q2," he said.';
    expect(names(text, [['Q0', 'she'], ['Q1', 'he'], ['Q2', 'he']])).toEqual(['Maria Lopez', 'Mark Ellis', 'Paul Kent']);
    // a name opening its sentence before an appositive is its subject, even with no verb right after
    const later =
      'The governor vetoed the bill, but lawmakers seem confident they can override him.\n\n"Q0," Senate Leader Mark Ellis, D-Ore., said Tuesday.\n\n' +
      'House Speaker Paul Kent, R-Ore., despite admitting that he did have his concerns about "Q1" and general worries, does believe Ellis is right.';
    expect(names(later, [['Q0', 'Senate Leader Mark Ellis'], ['Q1', 'he']])).toEqual(['Mark Ellis', 'Paul Kent']);
  });

  it('never resolves a pronoun inside a quotation to the one who speaks it', () => {
    const text = 'Ana Ruiz met Tom Hale on Friday. "Q0. He told me: \'Q1\'," Ruiz said.';
    const a = article(text);
    const outer = said(a, 'Q0. He told me', 'Ruiz');
    const inner = { ...said(a, 'Q1', 'He'), kind: 'embedded' as const, parent: 0 };
    const out = resolveEntities(a, [outer, inner]);
    expect(out.map((q) => q.speaker?.name)).toEqual(['Ana Ruiz', 'Tom Hale']);
  });

  it('joins "Mr." and "Mrs." with a surname to the full name of that gender', () => {
    const text = 'Robert Grant and Linda Grant own the bakery. "Q0," Mr. Grant said. "Q1," Mrs. Grant said.';
    expect(names(text, [['Q0', 'Mr. Grant'], ['Q1', 'Mrs. Grant']])).toEqual(['Robert Grant', 'Linda Grant']);
  });

  it('ties a spokesperson to the organization and keeps a named spokesperson a person', () => {
    const text =
      'A spokesperson for the National Security Council (NSC) said "Q0." The spokesperson added "Q1."\n' +
      'An NSC spokesman said "Q2." Council press secretary Dana Reed said "Q3."';
    const out = run(text, [['Q0', 'A spokesperson for the National Security Council (NSC)'], ['Q1', 'The spokesperson'], ['Q2', 'An NSC spokesman'], ['Q3', 'Council press secretary Dana Reed']]);
    expect(out.map((s) => s.name)).toEqual(['National Security Council', 'National Security Council', 'National Security Council', 'Dana Reed']);
    expect(out.map((s) => s.type)).toEqual(['organization', 'organization', 'organization', 'person']);
  });

  it('links a role noun to the entity it stands for', () => {
    const text =
      'Sen. Tom Carper visited Acme Corporation on Monday. "Q0," the senator said.\n' +
      '"Q1," the company said in a statement.\n' +
      'A Daily Ledger report on Sunday described the plant. "Q2," the report said.';
    expect(names(text, [['Q0', 'the senator'], ['Q1', 'the company'], ['Q2', 'the report']])).toEqual(['Tom Carper', 'Acme Corporation', 'Daily Ledger']);
    // a document no one is said to have put out: the organization just named
    const ruling = 'The appeals court, the Sixth Circuit Court of Appeals, ruled against Ohio on Friday.\n"Q0," said the ruling.';
    expect(names(ruling, [['Q0', 'the ruling']])).toEqual(['Sixth Circuit Court of Appeals']);
  });

  it('keeps a description nobody named, and leaves quotes without a mention as they are', () => {
    const text = 'Small groups of protesters gathered. "Q0," one protester said. "Q1."';
    const a = article(text);
    const q1 = quote(a, 'Q1', 'Someone');
    const out = resolveEntities(a, [said(a, 'Q0', 'one protester'), q1]);
    expect(out[0].speaker).toMatchObject({ name: 'one protester', type: 'person' });
    expect(out[1]).toBe(q1);
    expect(resolveEntities(a, [])).toEqual([]);
  });
});
