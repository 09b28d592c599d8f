/**
 * A Doc fit for publication: every person shown by their attribution label, personal
 * numbers and secrets replaced. Applied once, before any output is written, so every
 * writer (FAQ entries, index pages, the glossary) works on the same safe text and none
 * can forget a field.
 *
 * What is rewritten: speakers and profiles, @mentions (by their offsets, which move),
 * quote speakers and quoted text, names of the transcript's people written without `@`,
 * rule-hit matches, analysis tokens, `raw` (replaced by the safe text: raw markup is of
 * no use to a reader and holds the same names) and the transcript's front matter.
 */
import type { Doc, Mention, Message, MessageAnalysis, RuleHit, SpeakerProfile } from '../model.js';
import { decodeDisplay, parseSpeaker, type SpeakerRules } from '../normalize/speakers.js';
import { speakerLabel, type AttributionMode } from './attribution.js';
import { redactText } from './redact.js';
import type { RedactRule } from './rules.js';

export interface Privacy {
  mode: AttributionMode;
  rules: readonly RedactRule[];
  speakers: SpeakerRules;
  /** Words that are never a person's name even when a display name says so (glossary forms). */
  isTerm: (form: string) => boolean;
}

export interface PrivateDoc {
  doc: Doc;
  /** Message id → ids of the redaction rules that fired in it (text, quote or speaker). */
  redactions: Map<string, string[]>;
}

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
/** A Latin name worth looking for in running text: capitalised, 4+ letters (`Ingrid`, not `sea`). */
const LATIN_NAME = /^[A-Z][A-Za-z]{3,}(?: [A-Z][A-Za-z]+)*$/;
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function privateDoc(doc: Doc, privacy: Privacy): PrivateDoc {
  const { mode, rules } = privacy;
  const profiles = new Map<string, SpeakerProfile | null>();
  for (const m of doc.transcript.messages) if (m.speaker !== '' && !profiles.has(m.speaker)) profiles.set(m.speaker, m.profile);

  const fired = new Set<string>();
  const scrubPlain = (s: string): string => {
    const r = redactText(s, rules);
    r.rules.forEach((id) => fired.add(id));
    return r.text;
  };
  const labelOf = (display: string, profile: SpeakerProfile | null): string => scrubPlain(speakerLabel(profile, display, mode));

  const labels = new Map<string, string>();
  for (const [speaker, profile] of profiles) labels.set(speaker, labelOf(speaker, profile));
  const byDecoded = new Map([...profiles.keys()].map((s) => [decodeDisplay(s), s]));
  const personLabel = (display: string): string => {
    const known = labels.get(display) ?? labels.get(byDecoded.get(decodeDisplay(display)) ?? '');
    return known ?? labelOf(display, parseSpeaker(display, privacy.speakers));
  };

  const names = mode === 'name' ? null : nameMatcher(profiles, labels, privacy);
  const scrub = (s: string): string => scrubPlain(names ? names(s) : s);

  const redactions = new Map<string, string[]>();
  const messages = doc.transcript.messages.map((m): Message => {
    fired.clear();
    const { text, mentions } = rewriteMentions(m, scrub, personLabel, mode);
    const quote = m.quote && { ...m.quote, speaker: personLabel(m.quote.speaker), text: scrub(m.quote.text) };
    const speaker = m.speaker === '' ? '' : labels.get(m.speaker)!;
    const out: Message = {
      ...m,
      speaker,
      profile: m.profile && publicProfile(m.profile, speaker, mode, scrubPlain),
      raw: text,
      text,
      mentions,
      quote,
    };
    if (fired.size) redactions.set(m.id, [...fired].sort());
    return out;
  });

  const hits = (list: RuleHit[]): RuleHit[] => list.map((h) => (h.match === undefined ? h : { ...h, match: scrub(h.match) }));
  const analyses = doc.analyses.map(
    (a): MessageAnalysis => ({
      ...a,
      cues: hits(a.cues),
      answerCues: hits(a.answerCues),
      closureCues: hits(a.closureCues),
    }),
  );
  const t = doc.transcript;
  return {
    doc: {
      ...doc,
      transcript: { ...t, title: t.title && scrub(t.title), meta: {}, messages },
      analyses,
      // Words of the original text carry names in pieces (a name cut in two); no output reads them.
      tokens: doc.tokens.map(() => []),
      units: doc.units.map((u) => ({ ...u, asker: u.asker === '' ? '' : labels.get(u.asker) ?? '' })),
      talks: doc.talks.map((t) => ({ ...t, guest: t.guest === '' ? '' : labels.get(t.guest) ?? '' })),
      links: doc.links.map((l) => ({ ...l, because: hits(l.because) })),
      exchanges: doc.exchanges.map((e) => ({ ...e, because: hits(e.because) })),
    },
    redactions,
  };
}

function publicProfile(p: SpeakerProfile, label: string, mode: AttributionMode, scrub: (s: string) => string): SpeakerProfile {
  if (mode === 'name') return { ...p, display: label };
  if (mode === 'none') return { display: label, name: null, org: null, role: null, city: null };
  return { display: label, name: null, org: p.org && scrub(p.org), role: p.role && scrub(p.role), city: null };
}

/** Text between mentions is scrubbed; each mention becomes `@label` (or `label` where no `@` was written), offsets recomputed. */
function rewriteMentions(
  m: Message,
  scrub: (s: string) => string,
  personLabel: (display: string) => string,
  mode: AttributionMode,
): { text: string; mentions: Mention[] } {
  let text = '';
  let at = 0;
  const mentions: Mention[] = [];
  for (const men of [...m.mentions].sort((a, b) => a.start - b.start)) {
    if (men.start < at) continue;
    text += scrub(m.text.slice(at, men.start));
    const label = men.speaker !== null ? personLabel(men.speaker) : mode === 'name' ? scrub(men.name) : personLabel(men.name);
    const start = text.length;
    // A name written without `@` (an IRC `nick:`) stays without one.
    const written = m.text.startsWith('@', men.start) ? `@${label}` : label;
    text += written;
    mentions.push({ raw: written, name: label, speaker: men.speaker === null ? null : label, start, end: text.length });
    at = men.end;
    // WeChat ended the mention with a special space the export lost; a label needs it back.
    if (at < m.text.length && !/^[\s\p{P}]/u.test(m.text.slice(at))) text += ' ';
  }
  text += scrub(m.text.slice(at));
  return { text, mentions };
}

/**
 * A profile name that is safe to look for in running text: 2–4 Chinese characters
 * starting with a known surname (not 勤奋 or 东方 read as a nickname), or a capitalised
 * Latin name. Anything looser would blank out ordinary words.
 */
function looksLikeName(name: string, rules: SpeakerRules): boolean {
  if (LATIN_NAME.test(name)) return true;
  if (!HAN_NAME.test(name)) return false;
  const chars = [...name];
  return rules.surnames2.has(chars.slice(0, 2).join('')) || rules.surnames1.has(chars[0]!);
}

/**
 * Replaces the transcript's people written without `@`: their display names, and their
 * names when those look like a person's name and are not a glossary word.
 */
function nameMatcher(
  profiles: Map<string, SpeakerProfile | null>,
  labels: Map<string, string>,
  privacy: Privacy,
): ((s: string) => string) | null {
  const forms = new Map<string, string>();
  for (const [speaker, profile] of profiles) {
    const label = labels.get(speaker)!;
    for (const f of [speaker, decodeDisplay(speaker)]) if (f.trim().length >= 2) forms.set(f, label);
    const name = profile?.name?.trim();
    if (name && looksLikeName(name, privacy.speakers) && !privacy.isTerm(name) && !forms.has(name)) forms.set(name, label);
  }
  if (forms.size === 0) return null;
  const alternation = [...forms.keys()]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((f) => (/^[A-Za-z0-9]/.test(f) ? '(?<![A-Za-z0-9])' : '') + escapeRe(f) + (/[A-Za-z0-9]$/.test(f) ? '(?![A-Za-z0-9])' : ''))
    .join('|');
  const re = new RegExp(alternation, 'gu');
  return (s) => s.replace(re, (f) => forms.get(f) ?? f);
}
