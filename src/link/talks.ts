/**
 * Guest talks: a long run of one speaker's substantial messages (a talk announced by a
 * moderator, or a member explaining their system at length). Questions asked during or
 * after the talk are put to its speaker, who answers them, often without naming or
 * quoting the asker, one after another; the answer scorer weighs that (`answers.guest`).
 */
import type { Message, MessageAnalysis, Talk } from '../model.js';
import { ownChars } from '../text/chat.js';

export type { Talk };

export interface TalkRules {
  id: string;
  /** The speaker's messages the run needs, and their average length (own characters). */
  minMessages: number;
  minAverageChars: number;
  /** Others' messages the run tolerates (applause, "[强]"), in a row and in all. */
  maxInterruptions: number;
  maxInterruptionsInRow: number;
  /** How long the run must last: a burst of quick lines is a chat, not a talk. */
  minMinutes: number;
}

/** Every talk in the transcript, in order. Skipped (noise) messages neither count nor interrupt. */
export function findTalks(messages: readonly Message[], analyses: readonly MessageAnalysis[], seconds: readonly (number | null)[], rules: TalkRules): Talk[] {
  const talks: Talk[] = [];
  const chars = messages.map(ownChars);
  let i = 0;
  while (i < messages.length) {
    if (analyses[i]!.skip || messages[i]!.speaker === '') {
      i++;
      continue;
    }
    const guest = messages[i]!.speaker;
    let own = 0;
    let total = 0;
    let others = 0;
    let inRow = 0;
    let last = i;
    let k = i;
    for (; k < messages.length; k++) {
      if (analyses[k]!.skip) continue;
      if (messages[k]!.speaker === guest) {
        own++;
        total += chars[k]!;
        last = k;
        inRow = 0;
        continue;
      }
      inRow++;
      others++;
      if (inRow > rules.maxInterruptionsInRow || others > rules.maxInterruptions) break;
    }
    const minutes = (seconds[last] ?? 0) - (seconds[i] ?? 0);
    if (own >= rules.minMessages && total / own >= rules.minAverageChars && minutes >= rules.minMinutes * 60) {
      talks.push({ guest, start: i, end: last, endSeconds: seconds[last] ?? null });
      i = last + 1;
    } else {
      i++;
    }
  }
  return talks;
}
