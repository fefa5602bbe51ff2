import { tag } from './src/pipeline/nlp.js';
for (const s of process.argv.slice(2)) {
  const t = tag(s, 0, s.length);
  console.log(t.tokens.map((x) => `${x.text}/${x.pos}/${x.sentence}`).join(' '));
}
