/**
 * Question units: an asker's consecutive messages form one question ("请教个问题" then
 * the question itself, or a question split over two lines).
 */
import type { Doc, Message, QuestionUnit } from '../model.js';
import { secondsOf } from '../text/time.js';

export type { QuestionUnit };

export interface UnitRules {
  maxGapSeconds: number;
}

export function buildUnits(doc: Pick<Doc, 'transcript' | 'analyses'>, rules: UnitRules): QuestionUnit[] {
  const { messages } = doc.transcript;
  const { analyses } = doc;
  const units: QuestionUnit[] = [];
  let lastSpoken = -1; // position of the last message that was not skipped
  for (let i = 0; i < messages.length; i++) {
    const a = analyses[i]!;
    if (a.skip) continue;
    const m = messages[i]!;
    const prev = units.at(-1);
    const t = secondsOf(m);
    if (a.question) {
      const sameAsker = prev !== undefined && prev.asker === m.speaker && m.speaker !== '' && addressesAgree(messages, prev, m);
      const gap = prev === undefined || prev.endSeconds === null || t === null ? 0 : t - prev.endSeconds;
      const consecutive = sameAsker && prev!.end === lastSpoken && gap <= rules.maxGapSeconds;
      if (consecutive) {
        prev!.messages.push(m.id);
        prev!.end = i;
        prev!.endSeconds = t;
      } else {
        units.push({ asker: m.speaker, messages: [m.id], start: i, end: i, startSeconds: t, endSeconds: t });
      }
    }
    lastSpoken = i;
  }
  return units;
}

/** Two questions put to different people are two questions, however close. */
function addressesAgree(messages: readonly Message[], unit: QuestionUnit, m: Message): boolean {
  const to = new Set(m.mentions.map((x) => x.speaker ?? x.name));
  if (to.size === 0) return true;
  // A unit's messages stand from its start to its end.
  const before = new Set(
    messages.slice(unit.start, unit.end + 1).filter((x) => unit.messages.includes(x.id)).flatMap((x) => x.mentions.map((y) => y.speaker ?? y.name)),
  );
  return before.size === 0 || [...to].some((x) => before.has(x));
}
