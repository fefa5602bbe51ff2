// The growth benchmark's corpora: consistent, deterministic renaming that keeps what extraction reads.
import { describe, expect, it } from 'vitest';
import { nameWords, renameText } from '../../bench/growth-corpus.js';

const texts = [
  'Tony Blair said on Monday: "We will win in May." Mr Blair spoke to the BBC about 2,500 jobs.',
  'The Labour party met. Blair and the party said "it was fine", the BBC reported. The meeting was short.',
];

describe('growth corpus', () => {
  it('names are the capitalised words never written in lower case; titles, months and days are kept', () => {
    expect([...nameWords(texts)].sort()).toEqual(['BBC', 'Blair', 'Labour', 'Tony']);
  });

  it('renames each name the same way throughout a copy, another way in another copy, the same way every run', () => {
    const names = nameWords(texts);
    const one = texts.map((t) => renameText(t, names, 1, 's'));
    expect(renameText(texts[0], names, 0, 's')).toBe(texts[0]);
    const blair = /Mr (\p{L}+) spoke/u.exec(one[0])![1];
    expect(blair).not.toBe('Blair');
    expect(blair).toHaveLength(5);
    expect(one[1]).toContain(`${blair} and the party`);
    expect(one[0]).toContain('on Tuesday');
    expect(one[0]).toContain('in June');
    expect(one[0]).toContain('3,611 jobs');
    expect(one[0]).toContain('said on Tuesday: "We will win');
    expect(texts.map((t) => renameText(t, names, 1, 's'))).toEqual(one);
    expect(renameText(texts[0], names, 2, 's')).not.toContain(blair);
  });
});
