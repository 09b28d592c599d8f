/**
 * Question units: an asker's consecutive messages form one question ("请教个问题" then
 * the question itself, or a question split over two lines).
 */
import type { Message, MessageAnalysis } from '../model.js';
import { secondsOf } from './time.js';

export interface QuestionUnit {
  asker: string;
  /** Message ids of the unit, in order; the first is the unit's head. */
  messages: string[];
  /** Positions of the first and last message in the transcript. */
  start: number;
  end: number;
  startSeconds: number | null;
  endSeconds: number | null;
}

export interface UnitRules {
  maxGapSeconds: number;
}

export function buildUnits(messages: readonly Message[], analyses: readonly MessageAnalysis[], rules: UnitRules): QuestionUnit[] {
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
  const before = new Set(
    unit.messages.flatMap((id) => messages.find((x) => x.id === id)?.mentions.map((x) => x.speaker ?? x.name) ?? []),
  );
  return before.size === 0 || [...to].some((x) => before.has(x));
}
