/**
 * Rule examples: every rule in rules/*.yaml documents itself with cases it fires on and
 * cases it stays quiet on, and `chatkb rules test` (src/rulebook/tester.ts) runs them,
 * ESLint's RuleTester in shape. One schema for every rule file:
 *
 *   examples:
 *     fires: [case, …]
 *     quiet: [case, …]
 *
 * A case is what the rule's kind reads (src/rulebook/kinds.ts):
 *   - a text: `'退款只能原路退回吗？'`
 *   - a text with more: `{ text, speaker }` (a speaker rule), `{ text, term, en }` (what a
 *     definition rule captures)
 *   - a display name: `{ display, profile: { name, org, role, city } }`
 *   - a small chat, for rules that weigh messages in context:
 *       { chat: ['10:00 林小雨: 退款只能原路吗？', '10:01 周一鸣: 是的'], at: 2, link: 1 }
 *     Each line is `[HH:MM[:SS] ]Speaker: text` (or `{ speaker, text, time, replyTo }`);
 *     `at` is the message the rule is judged on (default: the last), and a firing case
 *     may also say where `at` links (`link`), which question it answers (`answers`),
 *     whether it is a question (`question`) and the range its decision's score falls in
 *     (`score: [low, high]`).
 */
import { z } from 'zod';

const time = z.string().regex(/^\d{1,2}:\d{2}(?::\d{2})?$/, 'a time is HH:MM or HH:MM:SS');

export const chatLineSchema = z.union([
  z.string().min(1),
  z.object({ speaker: z.string(), text: z.string(), time: time.optional(), replyTo: z.number().int().positive().optional() }).strict(),
]);

const textCase = z
  .object({ text: z.string(), speaker: z.string().optional(), term: z.string().optional(), en: z.string().optional() })
  .strict();

const nullableText = z.string().nullable().optional();
const displayCase = z
  .object({ display: z.string().min(1), profile: z.object({ name: nullableText, org: nullableText, role: nullableText, city: nullableText }).strict().optional() })
  .strict();

const chatCase = z
  .object({
    chat: z.array(chatLineSchema).min(1),
    at: z.number().int().positive().optional(),
    link: z.number().int().positive().optional(),
    answers: z.number().int().positive().optional(),
    question: z.boolean().optional(),
    score: z.tuple([z.number(), z.number()]).optional(),
  })
  .strict()
  .refine((c) => (c.at ?? c.chat.length) <= c.chat.length, { message: '`at` is past the last line of the chat', path: ['at'] });

export const exampleCaseSchema = z.union([z.string(), textCase, displayCase, chatCase]);

export const examplesSchema = z
  .object({ fires: z.array(exampleCaseSchema).default([]), quiet: z.array(exampleCaseSchema).default([]) })
  .strict();

export type ExampleCase = z.infer<typeof exampleCaseSchema>;
export type ChatCase = z.infer<typeof chatCase>;
export type TextCase = z.infer<typeof textCase>;
export type DisplayCase = z.infer<typeof displayCase>;
export type ChatLine = z.infer<typeof chatLineSchema>;
export type Examples = z.infer<typeof examplesSchema>;

export function isChatCase(c: ExampleCase): c is ChatCase {
  return typeof c === 'object' && 'chat' in c;
}

export function isDisplayCase(c: ExampleCase): c is DisplayCase {
  return typeof c === 'object' && 'display' in c;
}

/** A text case as an object (a bare string is its text). */
export function asTextCase(c: ExampleCase): TextCase | null {
  if (typeof c === 'string') return { text: c };
  return 'text' in c && !('chat' in c) ? c : null;
}

/** A short label of a case for messages: its text, display name or last chat line. */
export function caseLabel(c: ExampleCase): string {
  const line = (l: ChatLine | undefined) => (l === undefined ? '' : typeof l === 'string' ? l : `${l.speaker}: ${l.text}`);
  const s = typeof c === 'string' ? c : 'text' in c ? c.text : 'display' in c ? c.display : line(c.chat[(c.at ?? c.chat.length) - 1]);
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}
