/**
 * The normalize stage: raw messages → decoded text, quote, mentions, speaker profile,
 * kind and duplicate marks. Pure: the rules come in, a new Transcript goes out.
 *
 * Order matters: entities first (everything else matches decoded text), quotes before
 * mentions (a mention inside the quoted part is not this message's mention), kinds on
 * the final text, duplicates last (they compare final text and kinds).
 */
import type { Message, Quote, SpeakerProfile, Transcript } from '../model.js';
import { findDuplicates } from './duplicates.js';
import { cleanText } from './entities.js';
import { classifyKind } from './kinds.js';
import { buildSpeakerIndex, extractMentions } from './mentions.js';
import { findNickMentions } from './nicks.js';
import { resolveQuote, splitQuoteMarkup, type QuoteContext } from './quotes.js';
import type { NormalizeRules } from './rules.js';
import { decodeDisplay, parseSpeaker } from './speakers.js';

export { loadNormalizeRules, parseNormalizeRules, compileNormalizeRules, noiseFileSchema } from './rules.js';
export type { NormalizeRules } from './rules.js';
export { cleanText, decodeEntities } from './entities.js';
export { parseSpeaker, speakerRulesSchema, compileSpeakerRules } from './speakers.js';
export { classifyKind, kindRuleSchema } from './kinds.js';
export { extractMentions, buildSpeakerIndex } from './mentions.js';
export { splitQuoteMarkup, resolveQuote } from './quotes.js';
export { findDuplicates, duplicateEvidence } from './duplicates.js';
export { findNickMentions, loadAddressingRules, parseAddressingRules, addressingRulesSchema } from './nicks.js';
export type { AddressingRules } from './nicks.js';

function memo<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (!cache.has(s)) cache.set(s, f(s));
    return cache.get(s)!;
  };
}

export function normalize(t: Transcript, rules: NormalizeRules): Transcript {
  const profiles = new Map<string, SpeakerProfile>();
  for (const m of t.messages) {
    if (m.speaker !== '' && !profiles.has(m.speaker)) profiles.set(m.speaker, parseSpeaker(m.speaker, rules.speakers));
  }
  const index = buildSpeakerIndex(profiles);
  const knownNames = index.displays.map((d) => d.key);
  const displayOf = memo(decodeDisplay);
  const nameOf = memo((display: string) => parseSpeaker(display, rules.speakers).name?.toLowerCase() ?? null);

  const out: Message[] = [];
  const ctx: QuoteContext = { earlier: out, displayOf, nameOf };
  for (const m of t.messages) {
    let text = cleanText(m.raw);
    let quote: Quote | null = m.quote;
    const markup = splitQuoteMarkup(text);
    const resolved = markup ? resolveQuote(markup, knownNames, ctx) : null;
    if (markup && resolved) {
      text = markup.reply;
      // The quoted text carries the same lossy `?` after mentions as any other text.
      quote = { ...resolved, text: extractMentions(resolved.text, index, rules.speakers).text };
    }
    const { text: finalText, mentions } = extractMentions(text, index, rules.speakers);
    // A reader that knows the platform's own message type (image, system…) has the last word.
    const { kind, rule } = m.kindRule?.startsWith('reader/') ? { kind: m.kind, rule: m.kindRule } : classifyKind(finalText, m.speaker, rules.kinds);
    out.push({
      ...m,
      text: finalText,
      quote,
      mentions,
      kind,
      kindRule: rule,
      profile: profiles.get(m.speaker) ?? null,
      duplicateOf: null,
    });
  }
  // Names written without @ (IRC `nick: text`) address people too, where no @mention does.
  if (rules.addressing) {
    const byName = findNickMentions(out, rules.addressing);
    out.forEach((m, i) => {
      if (m.mentions.length === 0 && byName[i]!.length > 0) out[i] = { ...m, mentions: byName[i]! };
    });
  }
  const copies = findDuplicates(out, rules.duplicates);
  return { ...t, messages: out.map((m, i) => ({ ...m, duplicateOf: copies[i] ?? null })) };
}
