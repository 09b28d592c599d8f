/** Replacing personal data in a text by the rules of rules/redact.yaml. */
import type { RedactRule } from './rules.js';

export interface Redacted {
  text: string;
  /** Ids of the rules that replaced something, in rule order, each once. */
  rules: string[];
}

/** Apply every rule in order; a match that fails its rule's check stays as written. */
export function redactText(text: string, rules: readonly RedactRule[]): Redacted {
  let out = text;
  const fired: string[] = [];
  for (const rule of rules) {
    let hit = false;
    out = out.replace(rule.regex, (match: string, ...rest: unknown[]) => {
      if (rule.check && !rule.check(match)) return match;
      hit = true;
      // Groups come first in `rest`, then offset, input (and groups object when named).
      const groups = rest.slice(0, rest.findIndex((x) => typeof x === 'number'));
      return rule.replace.replace(/\$(\d)/g, (_, n: string) => String(groups[Number(n) - 1] ?? ''));
    });
    if (hit) fired.push(rule.id);
  }
  return { text: out, rules: fired };
}
