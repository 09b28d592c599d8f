/**
 * @mentions, resolved against the transcript's speakers.
 *
 * WeChat writes `@` + the display name + a four-per-em space (U+2005); the cocolian
 * export turned that space into `?`. So `@林小雨-某某支付-产品-杭州?为啥` is a mention
 * followed by `为啥`, and the `?` belongs to neither: we drop it from the text.
 * People also type mentions by hand, with another form of the name (`@林小雨`,
 * `@林小雨-某某支付-PM-杭州`), which we resolve through the parsed profile name.
 */
import type { Mention, SpeakerProfile } from '../model.js';
import { decodeDisplay, parseSpeaker, type SpeakerRules } from './speakers.js';

export interface SpeakerIndex {
  /** Display names decoded as headers write them, longest first, with the speaker as written. */
  displays: { key: string; speaker: string }[];
  /** Lower-cased profile name → speakers (transcript order). */
  byName: Map<string, string[]>;
  /** Chinese profile names of 2+ characters, longest first (for `@林小雨给大家…`). */
  hanNames: string[];
  profiles: Map<string, SpeakerProfile>;
}

const HAN = /^\p{Script=Han}{2,}$/u;

/** `profiles`: speaker as written → profile, in transcript order. */
export function buildSpeakerIndex(profiles: Map<string, SpeakerProfile>): SpeakerIndex {
  const displays: SpeakerIndex['displays'] = [];
  const byName = new Map<string, string[]>();
  for (const [speaker, profile] of profiles) {
    if (speaker === '') continue;
    const key = decodeDisplay(speaker);
    if (key.length > 0) displays.push({ key, speaker });
    if (profile.name !== null) {
      const n = profile.name.toLowerCase();
      byName.set(n, [...(byName.get(n) ?? []), speaker]);
    }
  }
  displays.sort((a, b) => b.key.length - a.key.length);
  const hanNames = [...byName.keys()].filter((n) => HAN.test(n)).sort((a, b) => b.length - a.length);
  return { displays, byName, hanNames, profiles };
}

/**
 * The speaker a profile name stands for, when that is unambiguous. Several display
 * names with one profile name are one person renamed (or doubled by the export) unless
 * their organisations disagree.
 */
export function speakerByName(name: string, index: SpeakerIndex): string | null {
  const list = index.byName.get(name.toLowerCase());
  if (!list || list.length === 0) return null;
  const orgs = new Set(list.map((s) => index.profiles.get(s)?.org?.toLowerCase()).filter((o) => o != null));
  return orgs.size <= 1 ? list[0]! : null;
}

/**
 * The one speaker whose display name holds a Chinese name of 2+ characters: a mention
 * written with the group nickname (`@林小雨-某某支付-产品`) of someone whose header shows
 * another form (`Xiaoyu Lin 林小雨`, `某某支付林小雨`). Ambiguous names resolve to no one.
 */
export function speakerContaining(name: string, index: SpeakerIndex): string | null {
  if (!HAN.test(name)) return null;
  const found = index.displays.filter((d) => d.key.includes(name));
  return found.length === 1 ? found[0]!.speaker : null;
}

// Characters that end a hand-typed mention: spaces, the lost-emoji/question marks,
// another @, and sentence punctuation. Name separators and brackets are name characters.
const STOP = String.raw`\s?？@，,。：:！!；;、"“”【】《》\[\]`;
// A name may hold lost emoji before a separator: `@王某-支付??-杭州`.
const TOKEN = new RegExp(`^[^${STOP}]+(?:[?？]+[-_—–|－~～][^${STOP}]+)*`, 'u');
const NAME_SEPARATOR = /^[-_—–|－~～]/u;
const LATIN_END = /[A-Za-z0-9]$/;
const LATIN_START = /^[A-Za-z0-9]/;
const SOFT_BOUNDARY = /^(?:$|[\s?？\p{P}\p{S}])/u;

/** May an `@` at `i` start a mention? Not inside an e-mail address or a URL. */
function canStartMention(text: string, i: number): boolean {
  const prev = text[i - 1];
  if (prev !== undefined && /[A-Za-z0-9._%+\-/=:]/.test(prev)) return false;
  const tokenStart = Math.max(text.lastIndexOf(' ', i), text.lastIndexOf('\n', i)) + 1;
  return !text.slice(tokenStart, i).includes('://');
}

interface Hit {
  length: number;
  name: string;
  speaker: string | null;
}

function displayHit(rest: string, index: SpeakerIndex): Hit | null {
  for (const d of index.displays) {
    if (!rest.startsWith(d.key)) continue;
    const next = rest.slice(d.key.length);
    // `@Zed` must not match inside `@Zedd`; a one-character name needs a clear end.
    if (LATIN_END.test(d.key) && LATIN_START.test(next)) continue;
    if ([...d.key].length === 1 && !SOFT_BOUNDARY.test(next)) continue;
    return { length: d.key.length, name: d.key, speaker: d.speaker };
  }
  return null;
}

function tokenHit(rest: string, index: SpeakerIndex, rules: SpeakerRules): Hit | null {
  const token = TOKEN.exec(rest)?.[0];
  if (token === undefined) return null;
  const name = parseSpeaker(token, rules).name;
  const bySpeaker = name === null ? null : (speakerByName(name, index) ?? speakerContaining(name, index));
  if (bySpeaker !== null) return { length: token.length, name: token, speaker: bySpeaker };
  // `@林小雨给大家分享…`: a Chinese name run into the sentence.
  for (const n of index.hanNames) {
    if (n.length < token.length && rest.startsWith(n)) {
      const s = speakerByName(n, index);
      if (s !== null) return { length: n.length, name: rest.slice(0, n.length), speaker: s };
    }
  }
  return { length: token.length, name: token, speaker: null };
}

export interface MentionResult {
  /** The text without the lossy `?` after mentions. */
  text: string;
  mentions: Mention[];
}

/**
 * Find mentions, resolve them, and drop the lossy `?` right after each. Offsets are
 * JavaScript string positions into the returned text; `start` is the `@`.
 */
export function extractMentions(text: string, index: SpeakerIndex, rules: SpeakerRules): MentionResult {
  const mentions: Mention[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    // `@@name`: the first `@` is a stray; the second starts the mention.
    if (ch !== '@' || text[i + 1] === '@' || !canStartMention(text, i)) {
      out += ch;
      i++;
      continue;
    }
    let j = i + 1;
    if (text[j] === ' ' && text[j + 1] !== undefined && !/\s/.test(text[j + 1]!)) j++;
    const rest = text.slice(j);
    const hit = displayHit(rest, index) ?? tokenHit(rest, index, rules);
    if (hit === null) {
      out += ch;
      i++;
      continue;
    }
    // A mention may name someone longer than their header (`@林小雨某某支付?…` for the
    // speaker `林小雨`): the export's `?` marks where the mention really ends. Without one,
    // a name separator right after the header goes on to the end of the group nickname
    // (`@林小雨-某某支付-产品 …`), so no `-某某支付-产品` is left in the text as words.
    const after = text.slice(j + hit.length);
    const tail =
      /^[^\s?？@，,。：:！!；;、]{1,24}(?=[?？](?![?？]))/u.exec(after)?.[0] ?? (NAME_SEPARATOR.test(after) ? (TOKEN.exec(after)?.[0] ?? '') : '');
    const end = j + hit.length + tail.length;
    const lossy = text[end] === '?' || text[end] === '？' ? 1 : 0;
    const start = out.length;
    out += text.slice(i, end);
    mentions.push({ raw: text.slice(i, end + lossy), name: hit.name + tail, speaker: hit.speaker, start, end: out.length });
    i = end + lossy;
  }
  return { text: out, mentions };
}
