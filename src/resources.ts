/**
 * Everything the pipeline reads besides transcripts: rule files and the glossary,
 * loaded and compiled once per run. Paths default to the package's own rules/ and
 * glossary/, so `npx chatkb` works from any directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionRules, type QuestionRules } from './analyze/questions.js';
import { createSegmenter, type Segmenter } from './analyze/segment.js';
import { buildTermMatcher, type TermMatcher } from './glossary/matcher.js';
import { loadExchangeRules, type ExchangeRules } from './assemble/rules.js';
import { loadTopics, type TopicRules } from './assemble/topics.js';
import { loadGlossary, type Glossary } from './glossary/curated.js';
import { loadLinkRules, type LinkRules } from './link/rules.js';
import { PACKAGE_ROOT } from './paths.js';
import { loadNormalizeRules, type NormalizeRules } from './normalize/index.js';


export { PACKAGE_ROOT };

export interface ResourcePaths {
  rulesDir: string;
  glossaryFile: string;
}

export function defaultPaths(root = PACKAGE_ROOT): ResourcePaths {
  return { rulesDir: join(root, 'rules'), glossaryFile: join(root, 'glossary', 'payments.yaml') };
}

export interface Resources {
  normalize: NormalizeRules;
  questions: QuestionRules;
  linking: LinkRules;
  exchanges: ExchangeRules;
  topics: TopicRules;
  glossary: Glossary;
  terms: TermMatcher;
  /** Created on first use: jieba's dictionary costs half a second. */
  segmenter(): Segmenter;
}

export function loadResources(paths: ResourcePaths = defaultPaths()): Resources {
  const rule = (name: string) => {
    const file = join(paths.rulesDir, name);
    if (!existsSync(file)) throw new Error(`${file}: rule file not found`);
    return file;
  };
  const glossary = loadGlossary(paths.glossaryFile);
  let segmenter: Segmenter | undefined;
  return {
    normalize: loadNormalizeRules(paths.rulesDir),
    questions: loadQuestionRules(rule('questions.yaml')),
    linking: loadLinkRules(rule('linking.yaml')),
    exchanges: loadExchangeRules(rule('exchanges.yaml')),
    topics: loadTopics(rule('topics.yaml')),
    glossary,
    terms: buildTermMatcher(glossary),
    segmenter: () => (segmenter ??= createSegmenter(glossary)),
  };
}
