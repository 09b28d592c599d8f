/**
 * Which rules a Doc cites about one message: every decision the stages made about it,
 * by the id of the rule that made it. The rule tester judges a rule in context by this
 * (a firing example's message must cite the rule, a quiet one's must not); it reads the
 * Doc's plain fields and the sections of the rules, never a rule by its id.
 */
import type { Doc } from '../model.js';
import type { Resources } from '../resources.js';
import { ownChars } from '../text/chat.js';

export function rulesCitedAt(doc: Doc, i: number, res: Resources): Set<string> {
  const out = new Set<string>();
  const m = doc.transcript.messages[i]!;
  const a = doc.analyses[i];
  if (m.kindRule) out.add(m.kindRule);
  if (m.duplicateOf) out.add(res.normalize.duplicates.id);
  // A name written without @ is the addressing rules' mention.
  if (res.normalize.addressing && m.mentions.some((x) => !x.raw.startsWith('@'))) out.add(res.normalize.addressing.id);
  for (const h of [...(a?.cues ?? []), ...(a?.answerCues ?? []), ...(a?.closureCues ?? [])]) out.add(h.rule);
  const link = doc.links.find((l) => l.from === m.id);
  if (link) {
    out.add(link.rule);
    for (const h of link.because) out.add(h.rule);
    for (const r of link.passedOver ?? []) out.add(r);
  }
  for (const t of doc.talks) if (i >= t.start && i <= t.end && m.speaker === t.guest) out.add(res.linking.talks.id);
  for (const e of doc.exchanges) {
    if (e.question.includes(m.id)) for (const h of e.because) out.add(h.rule);
    // A follow-up the graph did not give (no link of its own) is the assembler's asker rule.
    if (e.followups.includes(m.id) && !link) out.add(res.exchanges.followups.id);
    if (e.answers.includes(m.id) && ownChars(m) >= res.exchanges.substance.minChars) out.add(res.exchanges.substance.id);
  }
  return out;
}
