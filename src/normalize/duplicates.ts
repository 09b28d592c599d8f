/**
 * Messages the export holds twice. On some days every message appears twice at the
 * same second with the same text, once under each of two display names of one person.
 * Same second + same text alone is not enough: several people post 签到 or [强] in the
 * same second. So a copy under another name counts only on a day that shows the
 * pattern, and only for a pair of names that shows it on substantial text.
 */
import { z } from 'zod';
import type { Message } from '../model.js';
import { ruleBase } from '../rules/schema.js';

export const duplicateRulesSchema = z
  .object({
    ...ruleBase,
    window: z.number().int().min(1),
    dayMinPairs: z.number().int().min(1),
    dayMinShare: z.number().min(0).max(1),
    substantialKinds: z.array(z.string().min(1)).min(1),
    substantialMinLength: z.number().int().min(1),
    aliasMinPairs: z.number().int().min(1),
  })
  .strict();

export type DuplicateRules = z.infer<typeof duplicateRulesSchema>;

export type DuplicateInput = Pick<Message, 'id' | 'time' | 'timestamp' | 'speaker' | 'text' | 'kind'>;

const when = (m: DuplicateInput): string => m.timestamp ?? m.time;

function sameContent(a: DuplicateInput, b: DuplicateInput): boolean {
  return a.text.length > 0 && when(a) !== '' && when(a) === when(b) && a.text === b.text;
}

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export interface DuplicateEvidence {
  /** Pairs of different display names that show the pattern (see `aliasOf`). */
  aliases: Set<string>;
  substantialPairs: number;
  /** The day shows the doubled-export pattern. */
  doubledDay: boolean;
}

export function isSubstantial(m: DuplicateInput, rules: DuplicateRules): boolean {
  return rules.substantialKinds.includes(m.kind) && [...m.text].length >= rules.substantialMinLength;
}

/** What the whole transcript says about copies under two names. */
export function duplicateEvidence(messages: readonly DuplicateInput[], rules: DuplicateRules): DuplicateEvidence {
  const pairs = new Map<string, { all: number; substantial: number }>();
  let substantialPairs = 0;
  messages.forEach((m, i) => {
    for (let j = i - 1; j >= Math.max(0, i - rules.window); j--) {
      const p = messages[j]!;
      if (!sameContent(p, m)) continue;
      if (p.speaker !== m.speaker) {
        const k = pairKey(p.speaker, m.speaker);
        const c = pairs.get(k) ?? { all: 0, substantial: 0 };
        c.all++;
        if (isSubstantial(m, rules)) {
          c.substantial++;
          substantialPairs++;
        }
        pairs.set(k, c);
      }
      break;
    }
  });
  const doubledDay =
    substantialPairs >= rules.dayMinPairs && substantialPairs / Math.max(1, messages.length) >= rules.dayMinShare;
  // Two names are one person when they share a substantial message, or when they repeat
  // the pattern even on reactions ([强] twice, each time under both names).
  const aliases = new Set(
    [...pairs].filter(([, c]) => c.substantial >= 1 || c.all >= rules.aliasMinPairs).map(([k]) => k),
  );
  return { aliases, substantialPairs, doubledDay };
}

/**
 * For each message, the id of the message it copies, or null. A copy points at the
 * first message of its chain, so a third copy points at the original too.
 */
export function findDuplicates(messages: readonly DuplicateInput[], rules: DuplicateRules): (string | null)[] {
  const evidence = duplicateEvidence(messages, rules);
  const copyOf: (number | null)[] = messages.map(() => null);
  messages.forEach((m, i) => {
    for (let j = i - 1; j >= Math.max(0, i - rules.window); j--) {
      const p = messages[j]!;
      if (!sameContent(p, m)) continue;
      const alias = evidence.doubledDay && evidence.aliases.has(pairKey(p.speaker, m.speaker));
      if (p.speaker === m.speaker || alias) {
        copyOf[i] = copyOf[j] ?? j;
        break;
      }
    }
  });
  return copyOf.map((j) => (j === null ? null : messages[j]!.id));
}
