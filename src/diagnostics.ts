/**
 * Diagnostics are data (src/model.ts `Diagnostic`); this is their one terminal form and
 * their one JSON form, so `extract`, `build`, `eval` and `rules test` report alike.
 */
import type { Diagnostic } from './model.js';

export type Severity = Diagnostic['severity'];

export interface DiagnosticFields {
  column?: number;
  ruleId?: string;
  expected?: string;
}

export function diagnostic(source: string, severity: Severity, file: string, line: number, message: string, more: DiagnosticFields = {}): Diagnostic {
  const d: Diagnostic = { file, line, source, severity, message };
  if (more.column !== undefined) d.column = more.column;
  if (more.ruleId !== undefined) d.ruleId = more.ruleId;
  if (more.expected !== undefined) d.expected = more.expected;
  return d;
}

/** `file:line[:col]: severity: message (expected …) [ruleId]` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}`;
  return `${where}: ${d.severity}: ${d.message}${d.expected ? ` (expected ${d.expected})` : ''}${d.ruleId ? ` [${d.ruleId}]` : ''}`;
}

export function formatDiagnostics(list: readonly Diagnostic[]): string {
  return list.map(formatDiagnostic).join('\n');
}

/** The JSON form: always the same keys in the same order, absent ones left out. */
export function diagnosticJson(d: Diagnostic): Diagnostic {
  return diagnostic(d.source, d.severity, d.file, d.line, d.message, { ...(d.column ? { column: d.column } : {}), ...pick(d) });
}

function pick(d: Diagnostic): DiagnosticFields {
  const out: DiagnosticFields = {};
  if (d.ruleId !== undefined) out.ruleId = d.ruleId;
  if (d.expected !== undefined) out.expected = d.expected;
  return out;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
