// V8 sizes its heap by the machine's memory, not by what the program keeps: on a 24 GB machine it let the garbage
// of extraction raise the heap to 3-4 times the live data, more the longer an ingest ran (peak RSS 581-688 MB for
// the BBC corpus, 701-741 MB for ten times it, its live heap 94-144 MB). Raising the heap limit by a fixed 20 % at
// a time (V8's own factor goes up to 4x) keeps the heap near what is live: `npm run bench growth` peaked at 547
// and 625 MB (1.14x; 50 %: 526 and 617 MB). The whole 1x ingest took as long either way; at 10x, where the live
// heap grows, the extra collections may cost resolution some time (116 s against 103 s unbounded, in runs as noisy
// as that). V8 reads the factor whenever it resizes the heap, so it can be set once the process runs; it holds for
// every thread. A --heap-growing-percent given to node is left as it is.
import v8 from 'node:v8';

const HEAP_GROWING_PERCENT = 20;
let set = false;

export function boundHeapGrowth(): void {
  if (set || process.execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent'))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  set = true;
}
