/**
 * Addressing by name without `@`: IRC's `nick: text`, `nick, text`, and a recent
 * speaker's name standing in the line as a word (`thanks kim`). The rules are in
 * rules/addressing.yaml; a name counts only when it resolves to a speaker of the
 * transcript — for the looser forms, one who spoke in the recent window — so that
 * ordinary words are not taken for names.
 *
 * The result is ordinary `Mention`s (offsets into the text, no `@` in `raw`), so the
 * linker treats a nick like an @mention.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Mention, Message } from '../model.js';
import { loadYaml, parseYaml } from '../rules/load.js';
import { compile, regexSource, ruleBase, uniqueIds } from '../rules/schema.js';
import { secondsOf } from '../text/time.js';

const formSchema = z
  .object({
    ...ruleBase,
    /** Matched globally; the named group `nick` is the candidate name. */
    pattern: regexSource.refine((s) => s.includes('(?<nick>'), 'the pattern needs a named group (?<nick>…)'),
    /** Who may be named: any speaker of the transcript, or one of the recent window. */
    known: z.enum(['transcript', 'window']),
    /** Shortest name (without its end punctuation) this form accepts. */
    minLength: z.number().int().min(1),
    /** Whether the file's `stopWords` are never names for this form. */
    stopWords: z.boolean(),
  })
  .strict();

export const addressingRulesSchema = z
  .object({
    ...ruleBase,
    maxAtShare: z.number().min(0).max(1),
    window: z.object({ messages: z.number().int().positive(), minutes: z.number().positive() }).strict(),
    forms: z.array(formSchema).min(1),
    stopWords: z.array(z.string().min(1)),
  })
  .strict()
  .superRefine((file, ctx) => uniqueIds(file.forms, ctx, 'forms'));

export type AddressingRulesSpec = z.infer<typeof addressingRulesSchema>;

export interface NickForm {
  id: string;
  regex: RegExp;
  known: 'transcript' | 'window';
  minLength: number;
  stopWords: boolean;
  spec: AddressingRulesSpec['forms'][number];
}

export interface AddressingRules {
  id: string;
  maxAtShare: number;
  windowMessages: number;
  windowMinutes: number;
  forms: NickForm[];
  stopWords: Set<string>;
}

export const ADDRESSING_FILE = 'addressing.yaml';

export function compileAddressingRules(spec: AddressingRulesSpec): AddressingRules {
  return {
    id: spec.id,
    maxAtShare: spec.maxAtShare,
    windowMessages: spec.window.messages,
    windowMinutes: spec.window.minutes,
    // `d` for the group's offsets, `g` for every occurrence.
    forms: spec.forms.map((f) => ({ id: f.id, regex: compile(f.pattern, 'gd'), known: f.known, minLength: f.minLength, stopWords: f.stopWords, spec: f })),
    stopWords: new Set(spec.stopWords.map((w) => w.toLowerCase())),
  };
}

export function parseAddressingRules(text: string, file = ADDRESSING_FILE): AddressingRules {
  return compileAddressingRules(parseYaml(text, file, addressingRulesSchema));
}

/** The rules in `file`, or null when the rules folder has none (addressing by name is then off). */
export function loadAddressingRules(file: string): AddressingRules | null {
  return existsSync(file) ? compileAddressingRules(loadYaml(file, addressingRulesSchema)) : null;
}

/** A nick without the punctuation IRC nicks carry at their ends (`_kim|away_` → `kim|away`). */
export function nickCore(name: string): string {
  return name.toLowerCase().replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

/**
 * Per message, the speakers it addresses by name, in text order, one mention per speaker;
 * never the message's own speaker. System lines and speakerless messages get none, and so
 * does every message of a transcript where people address each other with @.
 */
export function findNickMentions(messages: readonly Message[], rules: AddressingRules): Mention[][] {
  const spoken = messages.filter((m) => m.speaker !== '' && m.kind !== 'system');
  const withAt = spoken.filter((m) => m.mentions.some((x) => x.raw.startsWith('@'))).length;
  if (spoken.length === 0 || withAt / spoken.length > rules.maxAtShare) return messages.map(() => []);
  // Lower-cased name and its core → speakers as written, in order of first appearance.
  const byKey = new Map<string, string[]>();
  const add = (key: string, speaker: string) => {
    if (key === '') return;
    const list = byKey.get(key) ?? [];
    if (!list.includes(speaker)) list.push(speaker);
    byKey.set(key, list);
  };
  for (const m of messages) {
    if (m.speaker === '' || m.kind === 'system') continue;
    add(m.speaker.toLowerCase(), m.speaker);
    add(nickCore(m.speaker), m.speaker);
  }
  const times = messages.map(secondsOf);
  const lastSpoke = new Map<string, number>(); // speaker → position of their latest message so far

  return messages.map((m, i) => {
    const out = addressed(m, i);
    if (m.speaker !== '' && m.kind !== 'system') lastSpoke.set(m.speaker, i);
    return out;
  });

  function recent(speaker: string, i: number): boolean {
    const at = lastSpoke.get(speaker);
    if (at === undefined || i - at > rules.windowMessages) return false;
    const a = times[at];
    const b = times[i];
    return a == null || b == null || b - a <= rules.windowMinutes * 60;
  }

  function resolve(name: string, form: NickForm, i: number): string | null {
    const core = nickCore(name);
    if ([...core].length < form.minLength) return null;
    if (form.stopWords && (rules.stopWords.has(core) || rules.stopWords.has(name.toLowerCase()))) return null;
    const all = byKey.get(name.toLowerCase()) ?? byKey.get(core) ?? [];
    // `kim` names kim before kim_, when both are speakers.
    const exact = all.filter((s) => s.toLowerCase() === name.toLowerCase());
    const candidates = exact.length ? exact : all;
    const usable = form.known === 'window' ? candidates.filter((s) => recent(s, i)) : candidates;
    if (usable.length <= 1) return usable[0] ?? null;
    // Several speakers share the name up to punctuation: the one who spoke last.
    return usable.reduce((best, s) => ((lastSpoke.get(s) ?? -1) > (lastSpoke.get(best) ?? -1) ? s : best));
  }

  function addressed(m: Message, i: number): Mention[] {
    if (m.speaker === '' || m.kind === 'system') return [];
    const found: Mention[] = [];
    for (const form of rules.forms) {
      for (const hit of m.text.matchAll(form.regex)) {
        const span = hit.indices?.groups?.nick;
        const name = hit.groups?.nick;
        if (!span || !name) continue;
        const speaker = resolve(name, form, i);
        if (speaker === null || speaker === m.speaker || found.some((x) => x.speaker === speaker)) continue;
        found.push({ raw: name, name, speaker, start: span[0], end: span[1] });
      }
    }
    return found.sort((a, b) => a.start - b.start);
  }
}
