/**
 * Quote-replies: WeChat exports a reply-with-quote as
 *   `「 Name: quoted text 」 - - - - - - - reply`
 * (or `「Name：quoted」 - - - reply`). We split it into the quote and the reply, and look
 * for the quoted message earlier in the transcript so the linker gets an explicit edge.
 */
import type { Quote } from '../model.js';

/** The quote markup split off a message: the part inside 「」 and the reply after the dashes. */
export interface QuoteMarkup {
  inner: string;
  reply: string;
}

// The lazy inner part stops at the first 」 that is followed by the dash separator, so a
// quoted text with its own 「…」 stays whole. The separator is a run of `- ` of any length.
const QUOTE_REPLY = /^「([\s\S]*?)」\s*(?:-(?:\s+|$)){2,}([\s\S]*)$/u;

export function splitQuoteMarkup(text: string): QuoteMarkup | null {
  const m = QUOTE_REPLY.exec(text);
  if (!m) return null;
  return { inner: m[1] ?? '', reply: (m[2] ?? '').trim() };
}

export interface QuoteSplit {
  speaker: string;
  text: string;
}

/** How many colon positions to try when the name is not a known speaker. */
const MAX_COLON_CANDIDATES = 5;

/**
 * Ways to read `inner` as `Name: quoted`, best first. A known speaker name (longest
 * first) settles it even when the name holds a colon; otherwise each colon is a
 * candidate, those followed by a space first when the exporter used the spaced form
 * (`「 Name: text 」`), which writes exactly `: ` after the name.
 */
export function quoteSplits(inner: string, knownNames: readonly string[]): QuoteSplit[] {
  const spaced = /^\s/.test(inner);
  const body = inner.trim();
  const known = [...knownNames]
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length)
    .find((n) => body.startsWith(n) && /^\s*[:：]/u.test(body.slice(n.length)));
  if (known !== undefined) {
    return [{ speaker: known, text: body.slice(known.length).replace(/^\s*[:：]/u, '').trim() }];
  }
  const colons: number[] = [];
  for (let i = 1; i < body.length && colons.length < MAX_COLON_CANDIDATES; i++) {
    if (body[i] === ':' || body[i] === '：') colons.push(i);
  }
  const followedBySpace = (i: number): boolean => /\s/.test(body[i + 1] ?? '');
  const ordered = spaced
    ? [...colons.filter(followedBySpace), ...colons.filter((i) => !followedBySpace(i))]
    : colons;
  return ordered
    .map((i) => ({ speaker: body.slice(0, i).trim(), text: body.slice(i + 1).trim() }))
    .filter((s) => s.speaker.length > 0);
}

/** An earlier message as the quote search sees it (already normalized). */
export interface QuoteTarget {
  id: string;
  speaker: string;
  text: string;
}

/** Below this many characters a quoted text found under another name is too weak a clue. */
const MIN_ANY_SPEAKER_KEY = 6;

/** Comparison key: whitespace and lost-emoji marks differ between a message and its quote. */
export function quoteKey(s: string): string {
  return s.replace(/[\s?？]/gu, '');
}

// Merged files hold tens of thousands of messages; each quote scans the earlier ones.
const keys = new WeakMap<QuoteTarget, string>();
function keyOf(m: QuoteTarget): string {
  let k = keys.get(m);
  if (k === undefined) {
    k = quoteKey(m.text);
    keys.set(m, k);
  }
  return k;
}

export interface QuoteContext {
  /** Earlier messages, in transcript order. */
  earlier: readonly QuoteTarget[];
  /** Decoded display name of each transcript speaker (as written in headers). */
  displayOf: (speaker: string) => string;
  /** Profile name (lower-cased) of a display name, or null. */
  nameOf: (display: string) => string | null;
}

/**
 * The latest earlier message whose text contains the quoted text: by the quoted speaker
 * first, then by a speaker with the same profile name (quotes often carry another form
 * of the name), then — for a long enough quote — by anybody.
 */
export function findQuoted(split: QuoteSplit, ctx: QuoteContext): string | null {
  const key = quoteKey(split.text);
  if (key.length === 0) return null;
  const hits = ctx.earlier.filter((m) => keyOf(m).includes(key));
  if (hits.length === 0) return null;
  const latest = (list: QuoteTarget[]): string | null => list[list.length - 1]?.id ?? null;
  const bySpeaker = hits.filter((m) => ctx.displayOf(m.speaker) === split.speaker);
  if (bySpeaker.length > 0) return latest(bySpeaker);
  const name = ctx.nameOf(split.speaker);
  if (name !== null) {
    const byName = hits.filter((m) => ctx.nameOf(ctx.displayOf(m.speaker)) === name);
    if (byName.length > 0) return latest(byName);
  }
  return key.length >= MIN_ANY_SPEAKER_KEY ? latest(hits) : null;
}

/** The quote of a message: the reading whose quoted text is found wins, else the best reading. */
export function resolveQuote(markup: QuoteMarkup, knownNames: readonly string[], ctx: QuoteContext): Quote | null {
  const splits = quoteSplits(markup.inner, knownNames);
  if (splits.length === 0) return null;
  for (const s of splits) {
    const messageId = findQuoted(s, ctx);
    if (messageId !== null) return { speaker: s.speaker, text: s.text, messageId };
  }
  const first = splits[0]!;
  return { speaker: first.speaker, text: first.text, messageId: null };
}
