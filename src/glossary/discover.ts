/**
 * Term discovery: strings the corpus uses like terms that the curated glossary lacks,
 * for editors to accept into glossary/payments.yaml.
 *
 * Chinese has no spaces, so words are found by statistics over symbol n-grams (a symbol
 * is a Chinese character, or a whole Latin word or number, so H5支付 and II类户 are
 * found too): how often a string occurs, how much its parts belong together (the lowest
 * pointwise mutual information over its splits), how freely it combines with what is
 * around it (left and right branching entropy), and how much more often the group uses
 * it than general Chinese does (jieba's dictionary frequencies are the background).
 * English terms are noun phrases that compromise finds in the few mostly-English
 * sentences, scored with TF-IDF over transcripts (natural).
 *
 * Everything the glossary already has is left out: its forms, strings inside its terms
 * (原路退 inside 原路退回) and strings that are a curated term plus a character or two.
 * Thresholds and stop lists live in rules/glossary.yaml (src/glossary/rules.ts); the
 * two languages in discover-zh.ts and discover-en.ts.
 */
import type { Doc } from '../model.js';
import type { VariantMap } from './curated.js';
import { speakerNames, textUnits, type DiscoveryContext, type TermCandidate } from './corpus.js';
import { discoverEnglish } from './discover-en.js';
import { discoverChinese } from './discover-zh.js';
import type { TermMatcher } from './matcher.js';
import type { GlossaryRules } from './rules.js';

/** Discover candidate terms in the docs: Chinese first, then English, each best first. */
export function discoverTerms(
  docs: readonly Doc[],
  matcher: TermMatcher,
  rules: GlossaryRules,
  variants: VariantMap = new Map(),
): TermCandidate[] {
  const units = textUnits(docs, rules.discovery.skipKinds);
  const { names, orgs } = speakerNames(docs);
  const ctx: DiscoveryContext = { matcher, variants, names, orgs };
  return [...discoverChinese(units, ctx, rules), ...discoverEnglish(units, ctx, rules)];
}

