/** The analyze stage: per message, question cues, answer and closure cues, glossary terms. */
import type { Doc, MessageAnalysis, Transcript } from '../model.js';
import { fireCues } from '../rules/cues.js';
import type { Resources } from '../resources.js';
import { detectQuestion } from './questions.js';
import { markRestated } from './restated.js';

export function analyze(t: Transcript, res: Resources): MessageAnalysis[] {
  const each = t.messages.map((m): MessageAnalysis => {
    // Second copies, and kinds that carry no words, are passed over by every later stage.
    const skip = m.duplicateOf !== null || res.normalize.silent.has(m.kind);
    if (skip) return { id: m.id, terms: [], question: false, questionScore: 0, cues: [], answerCues: [], closureCues: [], qtype: null, skip };
    const q = detectQuestion(m, res.questions);
    return {
      id: m.id,
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

/** Words of every message analysis did not skip (jieba with the glossary's dictionary). */
export function tokenize(doc: Pick<Doc, 'transcript' | 'analyses'>, res: Pick<Resources, 'segmenter'>): string[][] {
  const seg = res.segmenter();
  return doc.transcript.messages.map((m, i) => (doc.analyses[i]!.skip ? [] : seg.tokens(m.text)));
}
