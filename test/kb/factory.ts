/** Hand-made FAQ candidates for kb tests (invented text). */
import type { Candidate, SourceMessage } from '../../src/kb/entries.js';
import { entryId, legacyEntryId, messageKey } from '../../src/kb/ids.js';
import { questionHeading } from '../../src/kb/headings.js';

export interface CandidateSpec {
  date: string;
  question: string;
  answer?: string;
  line?: number;
  topic?: string;
  tags?: string[];
  rules?: string[];
}

export function candidate(s: CandidateSpec): Candidate {
  const line = s.line ?? 10;
  const rel = `${s.date}-chat.markdown`;
  const msg = (n: number, role: SourceMessage['role'], speaker: string, text: string): SourceMessage => ({
    id: `m${line + n}`,
    line: line + n * 4,
    time: `10:0${n}:00`,
    role,
    speaker,
    text,
    mentions: [],
    quote: null,
  });
  const answer = msg(1, 'answer', '清算运营 · 星河银行', s.answer ?? '一般原路退回，T+1 到账');
  const asker = '支付产品 · 青禾支付';
  const q = { time: '10:00:00', speaker: asker, raw: s.question, platformId: null, timestamp: null };
  return {
    id: entryId(`transcripts/${rel}`, s.date, q),
    key: messageKey(`transcripts/${rel}`, s.date, q),
    legacyId: legacyEntryId(rel, `m${line}`),
    topic: s.topic ?? 'refunds',
    score: 0.8,
    tags: s.tags ?? ['原路退回'],
    rules: s.rules ?? ['exchange/answered'],
    source: {
      transcript: `transcripts/${rel}`,
      rel,
      date: s.date,
      exchange: `x-m${line}`,
      question: s.question,
      heading: questionHeading(s.question, []),
      answers: [answer],
      messages: [msg(0, 'question', asker, s.question), answer],
    },
  };
}
