import type { Message } from '../model.js';

/** Seconds on a common clock for gaps between messages; null when the format has no time. */
export function secondsOf(m: Message): number | null {
  const ts = m.timestamp ?? (m.time ? `1970-01-01T${m.time}` : null);
  if (!ts) return null;
  const ms = Date.parse(`${ts}Z`);
  return Number.isNaN(ms) ? null : ms / 1000;
}

export function gapSeconds(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(0, b - a);
}
