/**
 * The registered readers. A new format is one import and one entry here; detection
 * and `--format` pick it up from this list.
 */
import type { Reader } from '../reader.js';
import { cocolianAnon } from './cocolian-anon.js';
import { cocolianSource } from './cocolian-source.js';
import { cocolianSourceMerged } from './cocolian-source-merged.js';

export const readers: readonly Reader[] = [cocolianSource, cocolianSourceMerged, cocolianAnon];
