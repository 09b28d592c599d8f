/**
 * Accepting a term into a curated glossary file: the editor's entry is appended to the
 * file's `terms:` list, keeping the file's comments and layout, and the whole glossary is
 * validated with it before anything is written (a clash names the file and line).
 */
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { DataFileError } from '../rules/load.js';
import { parseGlossaryFiles, type GlossaryText } from './curated.js';

export interface AcceptedTerm {
  term: string;
  definition: string;
  category: string;
  en?: string[];
  aliases?: string[];
  related?: string[];
  status?: 'reviewed' | 'candidate';
}

/** The text of `target` with the entry appended to its terms (a new file when its text is empty). */
export function appendTerm(text: string, file: string, entry: AcceptedTerm): string {
  const doc = parseDocument(text.trim() ? text : 'terms: []\n');
  if (doc.errors.length) throw new DataFileError(file, [{ line: 1, column: 1, message: doc.errors[0]!.message.split('\n')[0]! }]);
  if (!isMap(doc.contents)) throw new DataFileError(file, [{ line: 1, column: 1, message: 'expected a map with a terms: list' }]);
  let terms = doc.get('terms');
  if (terms === undefined) {
    terms = new YAMLSeq();
    doc.set('terms', terms);
  }
  if (!isSeq(terms)) throw new DataFileError(file, [{ line: 1, column: 1, message: 'terms must be a list' }]);
  terms.flow = false;
  const item = doc.createNode({
    term: entry.term,
    en: entry.en ?? [],
    aliases: entry.aliases ?? [],
    definition: entry.definition,
    category: entry.category,
    related: entry.related ?? [],
    status: entry.status ?? 'candidate',
  });
  for (const key of ['en', 'aliases', 'related']) {
    const list = item.get(key, true);
    if (isSeq(list)) list.flow = true;
  }
  terms.add(item);
  return doc.toString({ lineWidth: 0 });
}

/**
 * The glossary files with the entry added to `target` (one of them, or a new file in the
 * set), validated together; returns the new text of `target`. Throws DataFileError.
 */
export function acceptTerm(files: readonly GlossaryText[], target: string, entry: AcceptedTerm): string {
  const current = files.find((f) => f.file === target);
  const text = appendTerm(current?.text ?? '', target, entry);
  const next = current ? files.map((f) => (f.file === target ? { file: f.file, text } : f)) : [...files, { file: target, text }];
  parseGlossaryFiles(next);
  return text;
}
