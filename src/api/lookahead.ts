// Look-ahead: whether a field's selection reaches a given nested field, through fragments and inline
// fragments, so a resolver reads from the graph only what the query asks for.
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function reaches(set: SelectionSetNode | undefined, path: string[], fragments: Record<string, FragmentDefinitionNode>): boolean {
  if (!path.length) return true;
  if (!set) return false;
  return set.selections.some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === path[0] && reaches(s.selectionSet, path.slice(1), fragments);
    if (s.kind === Kind.INLINE_FRAGMENT) return reaches(s.selectionSet, path, fragments);
    const fragment = fragments[s.name.value];
    return !!fragment && reaches(fragment.selectionSet, path, fragments);
  });
}

/** True when the resolving field's selection holds `path` (field names from it down, e.g. speakers.statements.reports). */
export function selects(info: GraphQLResolveInfo, path: string): boolean {
  return info.fieldNodes.some((f) => reaches(f.selectionSet, path.split('.'), info.fragments));
}
