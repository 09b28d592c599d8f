/** Topics from rules/topics.yaml: counted word hits, the question counting double. */
import { z } from 'zod';
import { examplesSchema } from '../rules/examples.js';
import { loadYaml } from '../rules/load.js';

export const topicsSchema = z
  .object({
    fallback: z.string().min(1),
    topics: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a topic id is a folder name: lower-case words joined by -'),
            title: z.string().min(1),
            description: z.string().min(1),
            words: z.array(z.string().min(1)).min(1),
            examples: examplesSchema.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export interface Topic {
  id: string;
  title: string;
  description: string;
  regex: RegExp;
}

export interface TopicRules {
  fallback: string;
  topics: Topic[];
}

export function compileTopics(spec: z.infer<typeof topicsSchema>): TopicRules {
  return {
    fallback: spec.fallback,
    topics: spec.topics.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      regex: new RegExp(
        [...t.words]
          .sort((a, b) => b.length - a.length)
          .map((w) => {
            const e = w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
            return /^[\x20-\x7e]+$/.test(w) ? `(?<![A-Za-z0-9])${e}(?![A-Za-z0-9])` : e;
          })
          .join('|'),
        'giu',
      ),
    })),
  };
}

export function loadTopics(file: string): TopicRules {
  return compileTopics(loadYaml(file, topicsSchema));
}

/** The best topic for a question and its answers, or null when no topic word occurs. */
export function pickTopic(rules: TopicRules, question: string, answers: string): string | null {
  let best: { id: string; hits: number } | null = null;
  for (const t of rules.topics) {
    const hits = 2 * count(t.regex, question) + count(t.regex, answers);
    if (hits > 0 && (!best || hits > best.hits)) best = { id: t.id, hits };
  }
  return best?.id ?? null;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}
