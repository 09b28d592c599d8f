import type { Diagnostic, FormatId, Transcript } from '../model.js';

export interface ReadResult {
  transcript: Transcript;
  diagnostics: Diagnostic[];
  /**
   * The other chats of a file that holds several (a Telegram whole-account export), each a
   * transcript of its own; `transcript` is the first. Each has its own `file`
   * (`result.json#chat-<id>`), so ids, sources and duplicates stay apart.
   */
  more?: Transcript[];
}

/**
 * One transcript format. `read` must not throw on bad input: it reports what it could
 * not parse as diagnostics (file, line, what was expected) and reads the rest.
 */
export interface Reader {
  format: FormatId;
  /** One line for error messages: what this format looks like. */
  describe: string;
  /** How sure the reader is that `text` is its format, 0..1. Cheap: looks at the head only. */
  detect(text: string, file: string): number;
  read(text: string, file: string): ReadResult;
}
