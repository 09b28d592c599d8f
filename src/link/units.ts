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

export function buildUnits(messages: readonly Message[], analyses: readonly MessageAnalysis[], maxGapSeconds: number): QuestionUnit[] {
  const units: QuestionUnit[] = [];
  let lastSpoken = -1; // position of the last message that was not skipped
  for (let i = 0; i < messages.length; i++) {
    const a = analyses[i]!;
    if (a.skip) continue;
    const m = messages[i]!;
    const prev = units.at(-1);
    const t = secondsOf(m);
    if (a.question) {
      const joins =
        prev !== undefined &&
        prev.end === lastSpoken &&
        prev.asker === m.speaker &&
        m.speaker !== '' &&
        (prev.endSeconds === null || t === null || t - prev.endSeconds <= maxGapSeconds);
      if (joins) {
        prev.messages.push(m.id);
        prev.end = i;
        prev.endSeconds = t;
      } else {
        units.push({ asker: m.speaker, messages: [m.id], start: i, end: i, startSeconds: t, endSeconds: t });
      }
    }
    lastSpoken = i;
  }
  return units;
}
