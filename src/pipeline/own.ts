// A string kept past its article (memo keys, feature names, report fields) must not be a slice of the article's
// text: V8 keeps a sliced or concatenated string's whole source alive, so a cache of a few thousand words would
// hold a few thousand articles. A structured clone is a flat copy that holds only itself.
export const own = (s: string): string => structuredClone(s);
