// Union-find over quotes and known statements, for statement grouping.
import type { Occasion } from '../pipeline/doc.js';
import { compatible } from './occasions.js';
import { apartInTime } from './units.js';

/** The fields of `b` that `a` lacks, filled in (two mentions of one occasion, each naming part of it). */
const fill = (a: Occasion, b: Occasion): Occasion => ({ ...a, date: a.date ?? b.date, place: a.place ?? b.place, medium: a.medium ?? b.medium });

/**
 * A group keeps what it has become: the stored statement it holds (two stored statements never merge: re-ingest
 * changes nothing, and the graph's quotes stay where they are), the occasion its quotes name and the day they
 * were said. Groups on occasions or days that differ never merge.
 */
export class Groups {
  private parent: number[] = [];
  private known: (string | null)[] = [];
  private occasion: (Occasion | null)[] = [];
  private day: (string | null)[] = [];

  make(known: string | null, occasion: Occasion | null, day: string | null): number {
    this.parent.push(this.parent.length);
    this.known.push(known);
    this.occasion.push(occasion);
    this.day.push(day ?? occasion?.date ?? null);
    return this.parent.length - 1;
  }

  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }

  occasionOf(x: number): Occasion | null {
    return this.occasion[this.find(x)];
  }

  canJoin(a: number, b: number): boolean {
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return true;
    const ka = this.known[ra], kb = this.known[rb], oa = this.occasion[ra], ob = this.occasion[rb];
    return !(ka && kb && ka !== kb) && !(oa && ob && !compatible(oa, ob)) && !apartInTime(this.day[ra], this.day[rb]);
  }

  /** Joins the groups of a and b unless they are kept apart; whether they are one group now. */
  union(a: number, b: number): boolean {
    if (!this.canJoin(a, b)) return false;
    const ra = this.find(a), rb = this.find(b);
    if (ra === rb) return true;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    const oa = this.occasion[ra], ob = this.occasion[rb];
    this.parent[child] = root;
    this.known[root] = this.known[ra] ?? this.known[rb];
    this.occasion[root] = oa && ob ? fill(oa, ob) : (oa ?? ob);
    this.day[root] = this.day[ra] ?? this.day[rb];
    return true;
  }
}
