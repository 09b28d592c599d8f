/**
 * FAQ candidates: one per FAQ-worthy exchange, with everything an entry shows, read off
 * a (privacy-applied) Doc. Pure.
 */
import type { Doc, EntryHeading, EntrySource, Exchange, Message, MessageRole, SourceMessage } from '../model.js';
import { ANONYMOUS } from '../redact/attribution.js';
import { dropLeadingFiller, questionHeading } from './headings.js';
import { entryId, legacyEntryId, messageKey } from './ids.js';
import { withoutMentions } from '../text/chat.js';
import { sortedUnique } from '../text/order.js';

export type { EntrySource, MessageRole, SourceMessage };

export interface Candidate {
  id: string;
  /** The id the earlier, position-based scheme gave it: entries written under it are migrated. */
  legacyId: string;
  /** The question message wherever it was read (day and message hash, no group): one message read from two exports is one entry. */
  key: string;
  topic: string;
  score: number;
  /** Canonical glossary terms of the exchange, sorted. */
  tags: string[];
  /** Ids of the rules that made this entry, sorted. */
  rules: string[];
  source: EntrySource;
}

export interface CandidateContext {
  /** The path of a transcript under the input root, and the path shown to editors. */
  paths(file: string): { rel: string; display: string };
  /** The canonical glossary term for a form, if it is one. */
  canonical(form: string): string | undefined;
  /**
   * The doc as read, before privacy: ids hash the question message as written, so the
   * attribution mode or a redaction rule never changes an id. Default: the doc itself.
   */
  original?: Doc;
  /** Message id → redaction rules that fired in it (from privateDoc). */
  redactions?: Map<string, string[]>;
  /** Filler dropped from the start of a question heading (chatkb.config.yaml `headings.dropLeading`, compiled). */
  headingFiller?: readonly RegExp[];
  /** Removed anywhere in a heading (chatkb.config.yaml `headings.drop`, compiled with `g`). */
  headingDrop?: readonly RegExp[];
}

/** The FAQ candidates of one Doc, in transcript order. */
export function candidatesOf(doc: Doc, ctx: CandidateContext): Candidate[] {
  const { rel, display } = ctx.paths(doc.transcript.file);
  const messages = doc.transcript.messages;
  const pos = doc.index;
  const linkRule = new Map(doc.links.map((l) => [l.from, l.rule]));
  const { headingFiller: filler = [], headingDrop: drop = [] } = ctx;
  const out: Candidate[] = [];
  for (const e of doc.exchanges) {
    if (!e.faq || e.question.length === 0) continue;
    const msg = (id: string): Message => messages[pos.get(id)!]!;
    const roleOf = new Map<string, MessageRole>();
    e.question.forEach((id) => roleOf.set(id, 'question'));
    e.answers.forEach((id) => roleOf.set(id, 'answer'));
    e.followups.forEach((id) => roleOf.set(id, 'followup'));
    const ids = [...roleOf.keys()].sort((a, b) => pos.get(a)! - pos.get(b)!);
    const view = (id: string): SourceMessage => {
      const m = msg(id);
      return { id, line: m.line, time: m.time, role: roleOf.get(id)!, speaker: m.speaker || ANONYMOUS, text: m.text, mentions: m.mentions, quote: m.quote };
    };
    const answers = e.answers.filter((id) => !doc.analyses[pos.get(id)!]?.skip && msg(id).text.trim() !== '').map(view);
    const question = questionText(e.question.map(msg));
    // Nothing to title an entry with (a bare @mention) or nothing that answers it.
    if (answers.length === 0 || question === '') continue;
    const asked = (ctx.original ?? doc).transcript.messages[pos.get(e.question[0]!)!]!;
    const id = entryId(doc.transcript.file, doc.transcript.date, asked);
    // A file of several days (a merged export) dates each question by its own message.
    const day = asked.timestamp?.slice(0, 10) ?? doc.transcript.date;
    out.push({
      id,
      legacyId: legacyEntryId(rel, e.question[0]!),
      key: messageKey(doc.transcript.file, doc.transcript.date, asked),
      topic: e.topic ?? 'general',
      score: e.score,
      tags: sortedUnique(e.terms.map((t) => ctx.canonical(t) ?? t)),
      rules: sortedUnique(rulesOf(e, doc, pos, linkRule, ctx.redactions)),
      source: {
        transcript: display,
        rel,
        date: day,
        exchange: e.id,
        question,
        heading: titleOf(question, headingText(e.question.map(msg), e.question.map((id) => doc.analyses[pos.get(id)!]?.question ?? false), filler), filler, drop),
        answers,
        messages: ids.map(view),
      },
    });
  }
  return out;
}

function rulesOf(
  e: Exchange,
  doc: Doc,
  pos: ReadonlyMap<string, number>,
  linkRule: Map<string, string>,
  redactions: Map<string, string[]> | undefined,
): string[] {
  const rules = e.because.map((h) => h.rule);
  for (const id of e.question) rules.push(...(doc.analyses[pos.get(id)!]?.cues ?? []).map((h) => h.rule));
  for (const id of e.answers) {
    const r = linkRule.get(id);
    if (r) rules.push(r);
  }
  for (const id of [...e.question, ...e.answers, ...e.followups]) rules.push(...(redactions?.get(id) ?? []));
  return rules;
}

/** Message text without its @mentions (a heading addresses nobody), on one line. */
function questionLine(m: Pick<Message, 'text' | 'mentions'>): string {
  return withoutMentions(m, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,，、:：;；.。!！]+/u, '')
    .trim();
}

/**
 * What an entry is titled by: the first message of the question that asks on its own
 * (flagged, with words beyond the filler), so a preamble (请教个问题) or an afterthought
 * (`clearing/settlement?` after the real question) stays out of the title; else all of it.
 */
export function headingText(messages: Pick<Message, 'text' | 'mentions'>[], asks: readonly boolean[], filler: readonly RegExp[]): string {
  if (messages.length > 1) {
    const own = messages.findIndex((m, i) => asks[i] && [...dropLeadingFiller(questionLine(m), filler)].length >= MIN_OWN_QUESTION);
    if (own >= 0) return questionLine(messages[own]!);
  }
  return questionText(messages);
}

/** The heading from `source`; when that is only part of the question, the entry shows all of it too. */
function titleOf(question: string, source: string, filler: readonly RegExp[], drop: readonly RegExp[]): EntryHeading {
  const heading = questionHeading(source, filler, drop);
  return source === question ? heading : { ...heading, shortened: true };
}

/** Characters a question message needs, beyond filler, to title an entry alone. */
const MIN_OWN_QUESTION = 8;

export function questionText(messages: Pick<Message, 'text' | 'mentions'>[]): string {
  return messages
    .map(questionLine)
    .filter((t) => t !== '')
    .join(' ');
}

