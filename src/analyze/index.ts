/** The analyze stage: per message, question cues, answer and closure cues, glossary terms. */
import type { Doc, MessageAnalysis, Transcript } from '../model.js';
import { fireCues } from '../rules/cues.js';
import type { TermMatcher } from '../glossary/matcher.js';
import type { LinkRules } from '../link/rules.js';
import { detectQuestion, type QuestionRules } from './questions.js';
import { markRestated } from './restated.js';
import type { Segmenter } from './segment.js';

/** What analysis reads: the kinds that carry no words, the cue rules, the glossary matcher. */
export interface AnalyzeResources {
  normalize: { silent: ReadonlySet<string> };
  questions: QuestionRules;
  linking: Pick<LinkRules, 'answerCues' | 'closureCues'>;
  terms: TermMatcher;
}

export function analyze(t: Transcript, res: AnalyzeResources): MessageAnalysis[] {
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
export function tokenize(doc: Pick<Doc, 'transcript' | 'analyses'>, res: { segmenter(): Segmenter }): string[][] {
  const seg = res.segmenter();
  return doc.transcript.messages.map((m, i) => (doc.analyses[i]!.skip ? [] : seg.tokens(m.text)));
}
