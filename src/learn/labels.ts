/**
 * What the answer weights are fitted on: for some messages of a day, which question they
 * answer (or that they answer none). Three sources, each as plain data:
 * - gold days: every message in the annotated range, answers and non-answers alike;
 * - editors' write-ups: the chat messages an editor's answer came from, answers only;
 * - silver: in unannotated days, replies that quote or @mention the asker of a question
 *   (the linker links them explicitly); their quote and mention are taken out before the
 *   scorer sees them, so it learns what such replies look like without the pointer.
 */
import { docToJson } from '../emit/json.js';
import { goldUnits, type Gold } from '../eval/index.js';
import type { EditorAnswerPair } from '../eval/editor-answers.js';
import type { Doc, Message, Transcript } from '../model.js';

export interface Label {
  /** Question message ids the message answers; empty: it answers none. */
  questions: Set<string>;
  weight: number;
  /** The source says which question, never whether any (see Choice.given). */
  given?: boolean;
}

/** Message id → label. A message without one is left to the scorer. */
export type Labels = Map<string, Label>;

/** Every in-range message of a gold day, except answers of optional questions (unscored). */
export function goldLabels(doc: Doc, gold: Gold, weight = 1): Labels {
  const { units, inRange } = goldUnits(docToJson(doc).messages, gold);
  const out: Labels = new Map();
  const skip = new Set<string>();
  for (const u of units) for (const a of u.answers) if (u.optional) skip.add(a);
  for (const id of inRange) out.set(id, { questions: new Set(), weight });
  for (const u of units) {
    if (u.optional) continue;
    for (const a of u.answers) {
      const l = out.get(a);
      if (l) for (const q of u.ids) l.questions.add(q);
    }
  }
  for (const id of skip) if ((out.get(id)?.questions.size ?? 0) === 0) out.delete(id);
  return out;
}

/** Labels of the second source on top of the first (a gold day that editors also wrote up). */
export function mergeLabels(first: Labels, second: Labels): Labels {
  const out: Labels = new Map(first);
  for (const [id, l] of second) if (!out.has(id)) out.set(id, l);
  return out;
}

/**
 * Silver: the explicit answering links of a processed day (quote or @mention of the asker
 * of a question unit), and the transcript with those pointers taken out.
 */
export function silverLabels(doc: Doc, weight: number): { labels: Labels; transcript: Transcript } {
  const labels: Labels = new Map();
  const unitHead = new Map<string, string[]>();
  for (const u of doc.units) for (const id of u.messages) unitHead.set(id, u.messages);
  const strip = new Map<string, string>(); // message id → the asker to take out of it
  for (const l of doc.links) {
    if (l.kind !== 'explicit' || l.role !== 'answer') continue;
    const q = unitHead.get(l.to);
    if (!q) continue;
    const asker = doc.transcript.messages[doc.index.get(q[0]!)!]!.speaker;
    labels.set(l.from, { questions: new Set(q), weight, given: true });
    strip.set(l.from, asker);
  }
  const messages = doc.transcript.messages.map((m) => (strip.has(m.id) ? withoutPointer(m, strip.get(m.id)!) : m));
  return { labels, transcript: { ...doc.transcript, messages } };
}

/** The message without its quote and without its mentions of `asker` (the others keep their place). */
function withoutPointer(m: Message, asker: string): Message {
  let text = m.text;
  const mentions = [];
  let shift = 0;
  for (const x of [...m.mentions].sort((a, b) => a.start - b.start)) {
    if (x.speaker === asker) {
      text = text.slice(0, x.start - shift) + text.slice(x.end - shift);
      shift += x.end - x.start;
    } else mentions.push({ ...x, start: x.start - shift, end: x.end - shift });
  }
  return { ...m, text, mentions, quote: null, platformReplyId: null };
}

/**
 * An editor's write-up of a day as labels: each chat message an editor's answer came from
 * answers the message the editor's question came from. Messages are found by time and
 * speaker (the first such message), as the editor benchmark finds them.
 */
export function editorLabels(doc: Doc, pairs: readonly EditorAnswerPair[], weight: number): Labels {
  const first = new Map<string, string>();
  for (const m of doc.transcript.messages) {
    const key = `${m.time}\u0000${m.speaker}`;
    if (!first.has(key)) first.set(key, m.id);
  }
  const idOf = (x: { time: string; speaker: string }) => first.get(`${x.time}\u0000${x.speaker}`);
  const out: Labels = new Map();
  for (const p of pairs) {
    const q = idOf(p.question);
    if (!q) continue;
    for (const a of p.answers) {
      const id = idOf(a);
      if (!id) continue;
      const l = out.get(id) ?? { questions: new Set<string>(), weight, given: true };
      l.questions.add(q);
      out.set(id, l);
    }
  }
  return out;
}
