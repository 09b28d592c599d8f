/**
 * Small transcripts for linking tests, run through the real pipeline (normalize → analyze →
 * units → talks → link) with the package's rule files. Every nick, name and message here is invented.
 */
import { newMessage } from '../../src/ingest/readers/common.js';
import { readTranscriptText } from '../../src/ingest/index.js';
import type { Link, Message, Transcript } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline.js';
import { loadResources, type Resources } from '../../src/resources.js';

let cached: Resources | undefined;
export function resources(): Resources {
  cached ??= loadResources();
  return cached;
}

let hand: Resources | undefined;
/** The rule files' own weights, without rules/fitted.yaml: for tests of what a hand-set rule means. */
export function handResources(): Resources {
  hand ??= loadResources(undefined, { fitted: false });
  return hand;
}

/** An IRC log (`[HH:MM] <nick> text` and `=== …` lines) read as the irc reader reads it. */
export function ircLog(lines: string[], file = '2024-03-05_10.log'): Transcript {
  const { transcript, diagnostics } = readTranscriptText(lines.join('\n') + '\n', file, { format: 'irc' });
  if (!transcript) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return transcript;
}

/** A hand-built transcript (WeChat-like): [time, speaker, text] per message. */
export function chat(rows: [time: string, speaker: string, text: string][]): Transcript {
  const messages: Message[] = rows.map(([time, speaker, raw], i) =>
    newMessage(i + 1, { line: i + 1, time, timestamp: `2024-03-05T${time}`, speaker, raw }),
  );
  return { file: 'test.txt', format: 'test', date: '2024-03-05', title: null, meta: {}, encoding: 'utf-8', messages };
}

export interface Linked {
  messages: Message[];
  /** Line of each message's parent, or null when it starts a conversation. */
  parentLine(line: number): number | null;
  /** The link of the message on `line`, or undefined. */
  linkAt(line: number): Link | undefined;
}

export function linkTranscript(t: Transcript, res: Resources = resources()): Linked {
  const doc = runPipeline(t, res, { disable: ['assemble', 'terms'] });
  const normalized = doc.transcript;
  const links = doc.links;
  const byId = new Map(normalized.messages.map((m) => [m.id, m]));
  const byLine = new Map(normalized.messages.map((m) => [m.line, m]));
  const parent = new Map(links.map((l) => [l.from, l]));
  const linkAt = (line: number) => {
    const m = byLine.get(line);
    if (!m) throw new Error(`no message on line ${line}`);
    return parent.get(m.id);
  };
  return {
    messages: normalized.messages,
    linkAt,
    parentLine: (line) => {
      const l = linkAt(line);
      return l ? byId.get(l.to)!.line : null;
    },
  };
}
