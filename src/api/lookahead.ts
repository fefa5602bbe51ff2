// Look-ahead: what a field's selection reaches, through fragments and inline fragments, so a resolver reads from
// the graph only what the query asks for.
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Adds to `out` the names of the fields selected at `path` below `set` (every alias and fragment merged). */
function collect(set: SelectionSetNode | undefined, path: string[], fragments: Record<string, FragmentDefinitionNode>, out: Set<string>): void {
  if (!set) return;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (!path.length) out.add(s.name.value);
      else if (s.name.value === path[0]) collect(s.selectionSet, path.slice(1), fragments, out);
    } else if (s.kind === Kind.INLINE_FRAGMENT) collect(s.selectionSet, path, fragments, out);
    else {
      const fragment = fragments[s.name.value];
      if (fragment) collect(fragment.selectionSet, path, fragments, out);
    }
  }
}

/** The fields selected at `path` (field names from the resolving field down, e.g. speakers.statements); none when it is not reached. */
export function selectedFields(info: GraphQLResolveInfo, path: string): Set<string> {
  const out = new Set<string>();
  for (const f of info.fieldNodes) collect(f.selectionSet, path ? path.split('.') : [], info.fragments, out);
  return out;
}

/** True when the resolving field's selection holds `path` (e.g. speakers.statements.reports). */
export function selects(info: GraphQLResolveInfo, path: string): boolean {
  const at = path.split('.');
  return selectedFields(info, at.slice(0, -1).join('.')).has(at.at(-1)!);
}
