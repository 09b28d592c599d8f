/**
 * The reference tools' own minimal transcript reader (`read` in shared/eval/tools/baseline.py).
 * The editor benchmark maps curated questions onto the messages this reader finds, not onto
 * chatkb's, so its numbers only agree with editor_bench.py when this reads exactly as it does.
 */
import { readFileSync } from 'node:fs';
import { decodeUniversal, PY_ANY, PY_DIGIT, PY_SPACE, pyStrip } from './py.js';

export interface RawMessage {
  line: number;
  /** `HH:MM:SS`; IRC `HH:MM` gets `:00`; "" for an IRC line that is no message. */
  time: string;
  speaker: string;
  text: string;
}

const D = PY_DIGIT;
const S = PY_SPACE;
const HDR = new RegExp(`^> (${D}{2}:${D}{2}:${D}{2})${S}+(${PY_ANY}*?)${S}*$`, 'u');
const IRC = new RegExp(`^\\[(${D}{2}:${D}{2})\\] <([^>]+)> ?(${PY_ANY}*)$`, 'u');

/** Split transcript text (already newline-normalised) into messages. */
export function parseRaw(text: string): { format: 'irc' | 'cocolian-source'; messages: RawMessage[] } {
  const lines = text.split('\n');
  const msgs: RawMessage[] = [];
  if (lines.slice(0, 50).some((l) => IRC.test(l))) {
    lines.forEach((l, i) => {
      if (!pyStrip(l)) return;
      const m = IRC.exec(l);
      if (m) msgs.push({ line: i + 1, time: `${m[1]}:00`, speaker: m[2]!, text: m[3]! });
      else msgs.push({ line: i + 1, time: '', speaker: '', text: l });
    });
    return { format: 'irc', messages: msgs };
  }
  let cur: RawMessage | null = null;
  lines.forEach((l, i) => {
    const m = HDR.exec(l);
    if (m) {
      cur = { line: i + 1, time: m[1]!, speaker: m[2]!, text: '' };
      msgs.push(cur);
    } else if (cur !== null) {
      const s = pyStrip(l);
      if (s) cur.text += (cur.text ? ' ' : '') + s;
    }
  });
  return { format: 'cocolian-source', messages: msgs };
}

export function readRaw(path: string): { format: 'irc' | 'cocolian-source'; messages: RawMessage[] } {
  return parseRaw(decodeUniversal(readFileSync(path)));
}
