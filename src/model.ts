/**
 * The types every stage shares. Data flows one way:
 *   ingest → Transcript (raw Messages) → normalize → analyze → link → assemble → emit.
 * Each stage returns new plain data; nothing here holds behaviour.
 */

/** A format reader's name, e.g. `cocolian-source`, `irc`, `telegram-json`. */
export type FormatId = string;

/** Where something came from, for errors and for citations. 1-based line and column. */
export interface SourcePos {
  file: string;
  line: number;
  column?: number;
}

/**
 * A problem, as data (unified's vfile-message): where, which stage found it, the rule
 * that made it when one did, and what was expected. One formatter prints it for the
 * terminal (src/diagnostics.ts); `--json` output carries the same objects.
 */
export interface Diagnostic extends SourcePos {
  /** The stage or component that found it: `ingest`, `normalize`, …, `rules`, `kb`, `eval`, `build`. */
  source: string;
  /** The rule that made it, when a rule did. */
  ruleId?: string;
  severity: 'error' | 'warning';
  message: string;
  expected?: string;
}

/** A rule that fired, cited in --json output and FAQ front matter (`because`). */
export interface RuleHit {
  rule: string;
  weight: number;
  /** The text that matched, when a pattern or a cue matched. */
  match?: string;
}

/** A parsed display name such as `林小雨-青禾支付-支付产品-杭州`. Fields are null when unsure. */
export interface SpeakerProfile {
  display: string;
  name: string | null;
  org: string | null;
  role: string | null;
  city: string | null;
}

export interface Mention {
  /** The text as written: `@` and the lossy `?` the export left after a name, or a bare IRC nick. */
  raw: string;
  /** The name as written after `@`. */
  name: string;
  /** The transcript speaker it resolves to (display name), or null when none fits. */
  speaker: string | null;
  /** Offsets into the message's normalized `text`. */
  start: number;
  end: number;
}

/** A quote-reply: `「 Name: quoted 」 - - - reply`, or a platform's own quote/reply reference. */
export interface Quote {
  speaker: string;
  text: string;
  /** The quoted message, when it can be found in the transcript. */
  messageId: string | null;
}

/**
 * Message kinds. `rules/noise.yaml` decides them; these are the ones the rules and
 * later stages know. A format may add more (kept as strings).
 */
export type MessageKind =
  | 'text'
  | 'image'
  | 'sticker'
  | 'emoji'
  | 'checkin'
  | 'link'
  | 'file'
  | 'news'
  | 'announcement'
  | 'system'
  | 'empty'
  | (string & {});

export interface Message {
  /** Stable within the transcript: `m<position>` (1-based). */
  id: string;
  /** 1-based line of the message header (or the message line) in the source file. */
  line: number;
  /** Time as written, normalised to `HH:MM:SS` (IRC's `HH:MM` gets `:00`). Empty when the format has none. */
  time: string;
  /** Full local timestamp `YYYY-MM-DDTHH:MM:SS`, or null when the date is unknown. */
  timestamp: string | null;
  /** Display name exactly as written; "" when the format has no speaker. */
  speaker: string;
  profile: SpeakerProfile | null;
  /** The message body as in the file (lines joined with `\n`, trailing blanks trimmed). */
  raw: string;
  /** Decoded, cleaned text (entities decoded, quote markup removed, spaces folded). */
  text: string;
  kind: MessageKind;
  /** The noise rule that set `kind` (null for plain text). */
  kindRule: string | null;
  mentions: Mention[];
  quote: Quote | null;
  /** The platform's own id for this message, when the format has one. */
  platformId: string | null;
  /** The platform's reply target id (Telegram reply_to_message_id, Slack thread_ts …). */
  platformReplyId: string | null;
  /** Set on the second copy of a duplicated message; such messages are left out of analysis. */
  duplicateOf: string | null;
}

export interface Transcript {
  /** Path as given on the command line. */
  file: string;
  format: FormatId;
  /** `YYYY-MM-DD` of the (first) day, or null. */
  date: string | null;
  title: string | null;
  /** Front matter or export metadata, as read. */
  meta: Record<string, unknown>;
  /** The encoding the file was decoded from (`utf-8`, `gb18030`, `utf-16le` …). */
  encoding: string;
  messages: Message[];
}

/** What analysis learns of one message (index-aligned with `Transcript.messages`). */
export interface MessageAnalysis {
  id: string;
  /** Canonical glossary terms found in the message. */
  terms: string[];
  question: boolean;
  questionScore: number;
  /** Question cues and exclusions that fired. */
  cues: RuleHit[];
  /** Answer cues (是的/可以/建议/yes …) that fired. */
  answerCues: RuleHit[];
  /** Closure cues (thanks, 明白了) that fired. */
  closureCues: RuleHit[];
  /** Question type from the cues (e.g. `list`, `term`, `yesno`, `how`, `why`), or null. */
  qtype: string | null;
  /** Excluded from analysis (noise kind, duplicate, system line). */
  skip: boolean;
}

/**
 * How a link was found: a quote, reply id or name (`explicit`), the answer scorer
 * (`scored`), the best recent parent (`implicit`), or a question's later part (`unit`).
 */
export type LinkKind = 'explicit' | 'scored' | 'implicit' | 'unit';

/** What a link means to an exchange, as its rule declares (`role:` in rules/linking.yaml). */
export type LinkRole = 'answer' | 'reply' | 'part';

/** A reply-graph edge: `from` replies to `to`. */
export interface Link {
  from: string;
  to: string;
  rule: string;
  kind: LinkKind;
  role: LinkRole;
  score: number;
  because: RuleHit[];
  /** Penalties that kept a candidate that would otherwise have won from being the parent (implicit links). */
  passedOver?: string[];
}

export interface Exchange {
  /** Stable: derived from the transcript and the question message ids. */
  id: string;
  question: string[];
  answers: string[];
  followups: string[];
  /** Messages that close the exchange (thanks, 明白了). */
  closure: string[];
  score: number;
  faq: boolean;
  topic: string | null;
  terms: string[];
  because: RuleHit[];
  /** The values of the FAQ features (rules/exchanges.yaml), for fitting; not in any output. */
  faqValues?: number[];
}

/** Question units: an asker's consecutive messages that ask one question. */
export interface QuestionUnit {
  asker: string;
  /** Message ids of the unit, in order; the first is the unit's head. */
  messages: string[];
  /** Positions of the first and last message in the transcript. */
  start: number;
  end: number;
  startSeconds: number | null;
  endSeconds: number | null;
}

/** A guest talk: one speaker's long run of substantial messages (src/link/talks.ts). */
export interface Talk {
  guest: string;
  /** Positions of the talk's first and last message. */
  start: number;
  end: number;
  endSeconds: number | null;
}

/**
 * One transcript and everything the stages learn of it: spaCy's `Doc`, in plain data.
 * The stages of src/pipeline.ts fill its fields in order (`pipeNames`); every array
 * indexed by message is index-aligned with `transcript.messages`.
 */
export interface Doc {
  transcript: Transcript;
  /** Position of each message id in `transcript.messages`, built once. */
  index: ReadonlyMap<string, number>;
  /** Words of each message (jieba with the glossary dictionary, `tokenize`); [] for skipped ones. */
  tokens: string[][];
  analyses: MessageAnalysis[];
  units: QuestionUnit[];
  talks: Talk[];
  links: Link[];
  exchanges: Exchange[];
  /** Canonical glossary terms used anywhere in the transcript, sorted. */
  terms: string[];
}

/** One FAQ entry as a build lists it: what the index pages and the glossary know of it. */
export interface FaqIndexEntry {
  id: string;
  /** Relative to the output folder: `faq/<topic>/<id>.md`. */
  path: string;
  topic: string;
  /** `draft`, `reviewed`, `approved`, `rejected` (as the file says), or `orphaned`. */
  status: string;
  /** What happens to the file in this build. */
  action: 'new' | 'updated' | 'unchanged' | 'kept' | 'orphaned';
  question: string;
  /** The entry's title when it has one apart from its question. */
  title?: string;
  tags: string[];
  sources: { transcript: string; date: string | null }[];
  /** Why an entry is listed as it is (`status was approved`, `merged into …`), for the index. */
  note: string | null;
  /** A draft's score: the fitted probability an editor keeps it (two decimals). */
  score?: number;
  /** An editor's entry whose conversation changed since: `new answers` (reviewed again, not silently kept). */
  stale?: 'new answers';
}

/** The FAQ of a build, as further outputs (the glossary) see it. */
export interface FaqIndex {
  entries: FaqIndexEntry[];
}

/** A file an output wants written: `path` relative to the output folder, `/`-separated. */
export interface OutputFile {
  path: string;
  content: string;
}

// ── FAQ entries (src/kb/entries.ts reads them off a Doc, src/emit/faq.ts writes them) ──

/** The question as a heading: its text, and whether something besides filler was left out. */
export interface EntryHeading {
  text: string;
  /** Something besides filler was left out: the entry shows the full question too. */
  shortened: boolean;
}

export type MessageRole = 'question' | 'answer' | 'followup';

export interface SourceMessage {
  id: string;
  line: number;
  time: string;
  role: MessageRole;
  /** The attribution label (privacy applied). */
  speaker: string;
  text: string;
  mentions: Mention[];
  quote: Quote | null;
}

export interface EntrySource {
  /** Path shown to editors: the input root's folder name + the path under it. */
  transcript: string;
  /** Path under the input root; ids derive from it. */
  rel: string;
  date: string | null;
  exchange: string;
  /** The question as a reader should see it: question messages, mentions removed, one line. */
  question: string;
  /** The question as a heading (see headings.ts). */
  heading: EntryHeading;
  /** Answers in order (noise left out), each with its speaker. */
  answers: SourceMessage[];
  /** Every message of the exchange in transcript order: question, answers, follow-ups. */
  messages: SourceMessage[];
}
