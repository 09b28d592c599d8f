/**
 * A rule example's chat (`{ chat: ['10:00 林小雨: 退款只能原路吗？', …] }`) as a
 * transcript the real pipeline reads: one message per line, a minute apart unless a
 * line gives its time, platform reply ids where a line says `replyTo`.
 */
import { newMessage } from '../ingest/readers/common.js';
import type { Transcript } from '../model.js';
import type { ChatCase } from '../rules/examples.js';

const DAY = '2024-01-01';
const LINE = /^(?:(\d{1,2}:\d{2}(?::\d{2})?)\s+)?([^:：\n]+?):\s?([\s\S]*)$/;

function clock(t: string): string {
  const [h, m, s = '0'] = t.split(':');
  return [h, m, s].map((x) => x!.padStart(2, '0')).join(':');
}

function minutesLater(k: number): string {
  const total = 10 * 3600 + k * 60;
  return [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60].map((x) => String(x).padStart(2, '0')).join(':');
}

/** The chat as a transcript; throws with the line's number when a line has no `Speaker:`. */
export function chatTranscript(c: ChatCase, file: string): Transcript {
  const messages = c.chat.map((line, k) => {
    let speaker: string;
    let text: string;
    let time: string | undefined;
    let replyTo: number | undefined;
    if (typeof line === 'string') {
      const m = LINE.exec(line);
      if (!m) throw new Error(`chat line ${k + 1} is not \`[HH:MM] Speaker: text\`: ${line}`);
      [, time, speaker, text] = m as unknown as [string, string | undefined, string, string];
    } else {
      ({ speaker, text, time, replyTo } = line);
    }
    const at = time ? clock(time) : minutesLater(k);
    return newMessage(k + 1, {
      line: k + 1,
      time: at,
      timestamp: `${DAY}T${at}`,
      speaker: speaker.trim(),
      raw: text,
      platformId: `p${k + 1}`,
      ...(replyTo ? { platformReplyId: `p${replyTo}` } : {}),
    });
  });
  return { file, format: 'rule-example', date: DAY, title: null, meta: {}, encoding: 'utf-8', messages };
}
