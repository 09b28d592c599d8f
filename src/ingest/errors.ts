import { diagnostic } from '../diagnostics.js';
import type { Diagnostic } from '../model.js';

/** A file that cannot be read as a transcript at all (binary, undecodable). */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
    readonly expected?: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }

  toDiagnostic(): Diagnostic {
    return diagnostic('ingest', 'error', this.file, this.line, this.message, this.expected === undefined ? {} : { expected: this.expected });
  }
}
