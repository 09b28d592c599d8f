/**
 * Speaker profiles from display names such as `林小雨-某某支付-产品-杭州`.
 *
 * Parts are recognised (city list, role words, moderator marks, surnames, latin
 * names, organisation words from rules/speakers.yaml), then the name is chosen by a
 * small score where the first position is only a tie-breaking prior. What nothing
 * recognises stays null: a wrong org or name is worse than none for later stages.
 */
import { z } from 'zod';
import type { SpeakerProfile } from '../model.js';
import { ruleBase } from '../rules/schema.js';
import { cleanSpaces, decodeEntities, foldSpaces } from './entities.js';

const words = z.array(z.string().min(1)).min(1);

export const speakerRulesSchema = z
  .object({
    ...ruleBase,
    separators: z.array(z.string().length(1)).min(1),
    spacePartsMin: z.number().int().min(2),
    moderatorWords: words,
    moderatorRole: z.string().min(1),
    roles: words,
    roleQualifiers: words,
    cities: words,
    cityCodes: z.record(z.string().regex(/^[A-Z]{2,4}$/, 'a city code is 2–4 capital letters'), z.string().min(1)),
    orgWords: words,
    surnames: z.array(z.string().regex(/^\p{Script=Han}{1,2}$/u, 'a surname is one or two Chinese characters')).min(1),
  })
  .strict();

export type SpeakerRulesSpec = z.infer<typeof speakerRulesSchema>;

export interface SpeakerRules {
  id: string;
  separator: RegExp;
  spacePartsMin: number;
  moderator: Set<string>;
  moderatorRole: string;
  /** Whole part is qualifiers + one role word. */
  role: RegExp;
  /** Head + (qualifiers + role word) tail, for parts like `某团产品经理`. */
  roleTail: RegExp;
  cities: Set<string>;
  /** Chinese city names, longest first, for "starts with a city" (`上海某某银行`). */
  cityPrefixes: string[];
  cityCodes: Map<string, string>;
  org: RegExp;
  surnames1: Set<string>;
  surnames2: Set<string>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const alternation = (list: string[]): string =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map((w) => escape(w).replace(/ /g, '\\s*'))
    .join('|');
const lower = (s: string): string => s.toLowerCase();
const HAN = /^\p{Script=Han}+$/u;
const LATIN_NAME = /^[A-Za-z][A-Za-z0-9 .'’]*$/u;

export function compileSpeakerRules(spec: SpeakerRulesSpec): SpeakerRules {
  const roles = alternation(spec.roles);
  const quals = alternation(spec.roleQualifiers);
  const cityPrefixes = spec.cities.filter((c) => HAN.test(c)).sort((a, b) => b.length - a.length);
  return {
    id: spec.id,
    separator: new RegExp(`\\s*[${spec.separators.map(escape).join('')}]\\s*`, 'u'),
    spacePartsMin: spec.spacePartsMin,
    moderator: new Set(spec.moderatorWords.map(lower)),
    moderatorRole: spec.moderatorRole,
    role: new RegExp(`^(?:${quals})*(?:${roles})$`, 'iu'),
    roleTail: new RegExp(`^(.+?)\\s*((?:${quals})*(?:${roles}))$`, 'iu'),
    cities: new Set(spec.cities.map(lower)),
    cityPrefixes,
    cityCodes: new Map(Object.entries(spec.cityCodes)),
    org: new RegExp(alternation(spec.orgWords), 'iu'),
    surnames1: new Set(spec.surnames.filter((s) => [...s].length === 1)),
    surnames2: new Set(spec.surnames.filter((s) => [...s].length === 2)),
  };
}

/** A display name decoded for matching: entities, odd spaces, folded. Keeps lost-emoji `?`. */
export function decodeDisplay(display: string): string {
  return foldSpaces(cleanSpaces(decodeEntities(display)).replace(/\n/g, ' '));
}

/** Lost emoji (`?`, `？`) are no part of anybody's name. */
function dropLostEmoji(s: string): string {
  return s.replace(/[?？]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** The parts of a display name; spaces separate only as a recognised fallback. */
export function splitDisplay(display: string, rules: SpeakerRules): string[] {
  const clean = dropLostEmoji(decodeDisplay(display));
  const parts = clean
    .split(rules.separator)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .flatMap((p) => splitMixedPart(p, rules));
  if (parts.length === 1 && clean.includes(' ')) {
    const spaced = clean.split(' ').filter((p) => p.length > 0);
    if (spaced.length >= rules.spacePartsMin && spaced.some((p) => cityOf(p, rules) !== null || rules.role.test(p))) {
      return spaced;
    }
  }
  return parts;
}

/**
 * `某某 某某支付` inside one part: a person and a company written with a space. Split
 * only when some words are organisations and some are not, so `Autumn 梁某` and
 * `某某银行 电子银行部` stay whole.
 */
function splitMixedPart(part: string, rules: SpeakerRules): string[] {
  if (!part.includes(' ')) return [part];
  const words = part.split(' ').filter((w) => w.length > 0);
  const orgish = words.filter((w) => isOrgish(w, rules)).length;
  return orgish > 0 && orgish < words.length ? words : [part];
}

export function cityOf(part: string, rules: SpeakerRules): string | null {
  const code = rules.cityCodes.get(part);
  if (code !== undefined) return code;
  const l = lower(part);
  if (rules.cities.has(l)) return part;
  const bare = l.replace(/[市省]$/u, '');
  if (bare !== l && rules.cities.has(bare)) return part.slice(0, -1);
  return null;
}

function isModerator(part: string, rules: SpeakerRules): boolean {
  return rules.moderator.has(lower(part));
}

/** An organisation word, or a Chinese city followed by more (`上海某某银行`). */
function isOrgish(part: string, rules: SpeakerRules): boolean {
  if (rules.org.test(part)) return true;
  return rules.cityPrefixes.some((c) => part.length > c.length && part.startsWith(c));
}

/** 2–3 Chinese characters after a common surname (3–4 after a two-character one). */
function surnameNameLength(part: string, rules: SpeakerRules): number {
  if (!HAN.test(part)) return 0;
  const chars = [...part];
  const n = chars.length;
  const two = chars.slice(0, 2).join('');
  if (rules.surnames2.has(two) && n >= 3 && n <= 4) return n;
  if (rules.surnames1.has(chars[0] ?? '') && n >= 2 && n <= 3) return n;
  return 0;
}

/** How much a part reads as a personal name; 0 = not a candidate. */
function nameScore(part: string, index: number, rules: SpeakerRules): number {
  if (isOrgish(part, rules)) return 0;
  const surname = surnameNameLength(part, rules);
  const base = surname >= 3 ? 3 : surname === 2 ? 2 : LATIN_NAME.test(part) ? 1 : 0;
  // Groups ask for 姓名 first: the first part is a likely name even when nothing else says so.
  return base + (index === 0 ? 2 : 0);
}

export function parseSpeaker(display: string, rules: SpeakerRules): SpeakerProfile {
  const profile: SpeakerProfile = { display, name: null, org: null, role: null, city: null };
  const parts = splitDisplay(display, rules);
  if (parts.length === 0) return profile;
  if (parts.length === 1) return { ...profile, name: parts[0] ?? null };

  const rest: { part: string; index: number }[] = [];
  let moderator = false;
  parts.forEach((part, index) => {
    if (isModerator(part, rules)) {
      moderator = true;
      return;
    }
    const city = cityOf(part, rules);
    if (city !== null) {
      profile.city ??= city;
      return;
    }
    if (rules.role.test(part) && profile.role === null) {
      profile.role = part;
      return;
    }
    rest.push({ part, index });
  });

  const scored = rest.map((r) => ({ ...r, score: nameScore(r.part, r.index, rules) })).filter((r) => r.score > 0);
  const best = Math.max(0, ...scored.map((r) => r.score));
  const top = scored.filter((r) => r.score === best);
  let name: { part: string; index: number } | undefined = top.length === 1 ? top[0] : undefined;
  if (scored.length === 0) {
    // By elimination: every other part is an organisation (`某某支付～开发～青禾`).
    const plain = rest.filter((r) => !isOrgish(r.part, rules));
    if (plain.length === 1) name = plain[0];
  }
  if (name) profile.name = name.part;

  let others = rest.filter((r) => r.index !== name?.index).map((r) => r.part);
  if (profile.role === null) {
    // `某团产品经理`: the tail is the role, the head the organisation.
    for (let i = 0; i < others.length; i++) {
      const m = rules.roleTail.exec(others[i] ?? '');
      const head = m?.[1]?.trim() ?? '';
      const tail = m?.[2] ?? '';
      // A latin role must not be cut out of a latin word (`Zephyr`, `xxpm`).
      if (head.length === 0 || (/[A-Za-z]$/.test(head) && /^[A-Za-z]/.test(tail))) continue;
      profile.role = tail;
      others = others.map((o, j) => (j === i ? head : o));
      break;
    }
  }
  if (others.length === 1) profile.org = others[0] ?? null;
  else if (others.length > 1) {
    const orgish = others.filter((o) => isOrgish(o, rules));
    if (orgish.length === 1) profile.org = orgish[0] ?? null;
  }
  if (moderator) profile.role = rules.moderatorRole;
  return profile;
}
