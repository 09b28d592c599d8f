/**
 * Glossary anchors, shared by the FAQ (tag links) and the glossary writer (headings or
 * explicit anchors), so a link from an entry lands on its term.
 *
 * Same rule as GitHub's heading ids: lower case, punctuation and symbols dropped (so
 * `T+1` → `t1`), each space → `-`, letters of every script kept (`原路退回` stays).
 */
export function termAnchor(term: string): string {
  return term
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The link from an FAQ entry (`faq/<topic>/<id>.md`) to a glossary term. */
export function glossaryHref(term: string): string {
  return `../../glossary.md#${termAnchor(term)}`;
}
