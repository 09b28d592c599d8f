/** The analyze stage: per message, question cues, answer and closure cues, glossary terms. */
import type { MessageAnalysis, Transcript } from '../model.js';
import { fireCues } from '../rules/cues.js';
import type { Resources } from '../resources.js';
import { detectQuestion } from './questions.js';
import { markRestated } from './restated.js';

export interface AnalyzeOptions {
  /** Segment into words with jieba (costly; only term discovery and the bench need it). */
  tokens?: boolean;
}

export function analyze(t: Transcript, res: Resources, opts: AnalyzeOptions = {}): MessageAnalysis[] {
  const seg = opts.tokens ? res.segmenter() : null;
  const each = t.messages.map((m): MessageAnalysis => {
    const skip = m.duplicateOf !== null || res.normalize.silent.has(m.kind);
    if (skip) return { id: m.id, tokens: [], terms: [], question: false, questionScore: 0, cues: [], answerCues: [], closureCues: [], qtype: null, skip };
    const q = detectQuestion(m, res.questions);
    return {
      id: m.id,
      tokens: seg ? seg.tokens(m.text) : [],
      terms: res.terms.canonicalIn([m.text]),
      question: q.question,
      questionScore: q.score,
      cues: q.cues,
      answerCues: fireCues(res.linking.answerCues, m.text),
      closureCues: fireCues(res.linking.closureCues, m.text),
      qtype: q.tags[0] ?? null,
      skip,
    };
  });
  return markRestated(t.messages, each, res.questions.restates, res.questions.threshold);
}
