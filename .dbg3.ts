import { lexTags } from './src/pipeline/nlp.js';
for (const w of process.argv.slice(2)) console.log(w, lexTags(w));
