/**
 * The `chatkb extract --json` document (version 1). The reference scorers in
 * shared/eval/tools read it, so the field names below are a published contract.
 */
import type { Diagnostic, Doc, Exchange, Link, MessageAnalysis } from '../model.js';

export interface ExtractionJson {
  version: 1;
  transcripts: TranscriptJson[];
  /** Problems met on the way (src/model.ts `Diagnostic`). */
  diagnostics: Diagnostic[];
}

export interface TranscriptJson {
  file: string;
  format: string;
  date: string | null;
  title: string | null;
  encoding: string;
  messages: MessageJson[];
  exchanges: ExchangeJson[];
  terms: string[];
}

export interface MessageJson {
  id: string;
  line: number;
  time: string;
  timestamp: string | null;
  speaker: string;
  profile: { name: string | null; org: string | null; role: string | null; city: string | null } | null;
  kind: string;
  kindRule: string | null;
  text: string;
  raw: string;
  mentions: { name: string; speaker: string | null }[];
  quote: { speaker: string; text: string; messageId: string | null } | null;
  platformId: string | null;
  platformReplyId: string | null;
  duplicateOf: string | null;
  question: boolean;
  questionScore: number;
  qtype: string | null;
  terms: string[];
  because: { rule: string; weight: number; match?: string }[];
  replyTo: string | null;
  reply: { rule: string; score: number; because: { rule: string; weight: number; match?: string }[] } | null;
}

export interface ExchangeJson {
  id: string;
  question: string[];
  answers: string[];
  followups: string[];
  closure: string[];
  faq: boolean;
  score: number;
  topic: string | null;
  terms: string[];
  because: { rule: string; weight: number; match?: string }[];
}

export function docToJson(doc: Doc): TranscriptJson {
  const t = doc.transcript;
  const replyOf = new Map<string, Link>();
  for (const l of doc.links) if (!replyOf.has(l.from)) replyOf.set(l.from, l);
  return {
    file: t.file,
    format: t.format,
    date: t.date,
    title: t.title,
    encoding: t.encoding,
    messages: t.messages.map((m, i) => {
      const a: MessageAnalysis | undefined = doc.analyses[i];
      const link = replyOf.get(m.id) ?? null;
      return {
        id: m.id,
        line: m.line,
        time: m.time,
        timestamp: m.timestamp,
        speaker: m.speaker,
        profile: m.profile && { name: m.profile.name, org: m.profile.org, role: m.profile.role, city: m.profile.city },
        kind: m.kind,
        kindRule: m.kindRule,
        text: m.text,
        raw: m.raw,
        mentions: m.mentions.map((x) => ({ name: x.name, speaker: x.speaker })),
        quote: m.quote,
        platformId: m.platformId,
        platformReplyId: m.platformReplyId,
        duplicateOf: m.duplicateOf,
        question: a?.question ?? false,
        questionScore: round(a?.questionScore ?? 0),
        qtype: a?.qtype ?? null,
        terms: a?.terms ?? [],
        because: a?.cues ?? [],
        replyTo: link?.to ?? null,
        reply: link && { rule: link.rule, score: round(link.score), because: link.because },
      };
    }),
    exchanges: doc.exchanges.map(exchangeToJson),
    terms: doc.terms,
  };
}

function exchangeToJson(e: Exchange): ExchangeJson {
  return {
    id: e.id,
    question: e.question,
    answers: e.answers,
    followups: e.followups,
    closure: e.closure,
    faq: e.faq,
    score: round(e.score),
    topic: e.topic,
    terms: e.terms,
    because: e.because,
  };
}

/** Scores are rounded so that output stays byte-stable across platforms. */
export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
