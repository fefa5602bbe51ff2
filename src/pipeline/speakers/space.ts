// Features as integer ids. Each feature has a readable name ("rel=post-same", "rank=0&post-same") for training,
// the model file and ablations, but it is interned once: a cross of two features is memoised on the pair of ids
// and a valued template ("pw=" and a lemma) on its value, so building a candidate's features concatenates no
// strings, and scoring is a sum over a Float32Array.
import { own } from '../own.js';

/** Id 0 stands for every feature past the space's limit: it is never in a model (its weight is always 0). */
export const OVERFLOW = 0;

export class FeatureSpace {
  readonly names: string[] = ['(overflow)'];
  private readonly ids = new Map<string, number>([['(overflow)', OVERFLOW]]);
  private readonly crosses: (Map<number, number> | undefined)[] = [];

  /** `limit` bounds the memory of a long-running process that meets open-class words (lemmas) without end. */
  constructor(readonly limit = 1 << 18) {}

  get size(): number {
    return this.names.length;
  }

  /** The id of a feature by name. */
  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      if (this.names.length >= this.limit) return OVERFLOW;
      i = this.names.length;
      name = own(name);
      this.names.push(name);
      this.ids.set(name, i);
    }
    return i;
  }

  /** The id of the conjunction "a&b". */
  cross(a: number, b: number): number {
    if (a === OVERFLOW || b === OVERFLOW) return OVERFLOW;
    const m = (this.crosses[a] ??= new Map());
    let c = m.get(b);
    if (c === undefined) {
      c = this.id(`${this.names[a]}&${this.names[b]}`);
      if (c !== OVERFLOW) m.set(b, c);
    }
    return c;
  }

  /** A valued feature "prefix=value", memoised on the value. */
  template(prefix: string): (value: string) => number {
    const m = new Map<string, number>();
    return (v) => {
      let i = m.get(v);
      if (i === undefined) {
        i = this.id(`${prefix}=${v}`);
        if (i !== OVERFLOW) m.set(own(v), i);
      }
      return i;
    };
  }

  /** A predicate on feature names, memoised per id (ablation groups, which features a cross takes). */
  matcher(re: RegExp): (id: number) => boolean {
    const memo: (boolean | undefined)[] = [];
    return (id) => (memo[id] ??= id !== OVERFLOW && re.test(this.names[id]));
  }
}

/** The one space of the speaker stage: models, candidates and training share its ids. */
export const SPACE = new FeatureSpace();
