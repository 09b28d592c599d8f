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
    const d: Diagnostic = { file: this.file, line: this.line, severity: 'error', message: this.message };
    if (this.expected !== undefined) d.expected = this.expected;
    return d;
  }
}
