import type { FormatId } from '../model.js';
import type { Reader } from './reader.js';
import { readers as registered } from './readers/index.js';

/** Below this, no reader is sure enough and the file is "not a chat transcript". */
export const DETECT_THRESHOLD = 0.5;

/** The reader most confident about `text`; ties go to the one registered first. */
export function detectFormat(
  text: string,
  file: string,
  readers: readonly Reader[] = registered,
): { format: FormatId; confidence: number } | null {
  let best: { format: FormatId; confidence: number } | null = null;
  for (const reader of readers) {
    const confidence = reader.detect(text, file);
    if (confidence >= DETECT_THRESHOLD && (best === null || confidence > best.confidence)) {
      best = { format: reader.format, confidence };
    }
  }
  return best;
}
