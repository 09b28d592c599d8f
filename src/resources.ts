/**
 * Everything the pipeline reads besides transcripts: rule files and the glossary,
 * loaded and compiled once per run. Paths default to the package's own rules/ and
 * glossary/, so `npx chatkb` works from any directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionRules, questionCueIds, withQuestionWeights, type QuestionRules } from './analyze/questions.js';
import { answerFeatures } from './link/linker.js';
import { checkFittedIds, FITTED_FILE, loadFitted } from './rules/fitted.js';
import { createSegmenter, type Segmenter } from './analyze/segment.js';
import { buildTermMatcher, type TermMatcher } from './glossary/matcher.js';
import { faqFeatureIds, loadExchangeRules, withFaqWeights, type ExchangeRules } from './assemble/rules.js';
import { loadTopics, type TopicRules } from './assemble/topics.js';
import { loadGlossary, type Glossary } from './glossary/curated.js';
import { loadLinkRules, withAnswerWeights, type LinkRules } from './link/rules.js';
import { PACKAGE_ROOT } from './paths.js';
import { loadNormalizeRules, type NormalizeRules } from './normalize/index.js';


export { PACKAGE_ROOT };

export interface ResourcePaths {
  rulesDir: string;
  glossaryFile: string;
}

export function defaultPaths(root = PACKAGE_ROOT): ResourcePaths {
  return { rulesDir: join(root, 'rules'), glossaryFile: join(root, 'glossary') };
}

export interface Resources {
  normalize: NormalizeRules;
  questions: QuestionRules;
  linking: LinkRules;
  exchanges: ExchangeRules;
  topics: TopicRules;
  glossary: Glossary;
  terms: TermMatcher;
  /** Canonical terms left out of a transcript's term list (rules/fitted.yaml `terms.quiet`). */
  quietTerms: ReadonlySet<string>;
  /** Created on first use: jieba's dictionary costs half a second. */
  segmenter(): Segmenter;
}

export interface LoadOptions {
  /** Use the weights of rules/fitted.yaml where it has them (default); false: the hand-set ones (fitting starts there). */
  fitted?: boolean;
}

export function loadResources(paths: ResourcePaths = defaultPaths(), opts: LoadOptions = {}): Resources {
  const rule = (name: string) => {
    const file = join(paths.rulesDir, name);
    if (!existsSync(file)) throw new Error(`${file}: rule file not found`);
    return file;
  };
  const glossary = loadGlossary(paths.glossaryFile);
  let segmenter: Segmenter | undefined;
  let questions = loadQuestionRules(rule('questions.yaml'));
  let linking = loadLinkRules(rule('linking.yaml'));
  let exchanges = loadExchangeRules(rule('exchanges.yaml'));
  const fittedFile = join(paths.rulesDir, FITTED_FILE);
  const fitted = opts.fitted === false ? null : loadFitted(fittedFile);
  if (fitted) {
    checkFittedIds(fittedFile, fitted, {
      questions: new Set(questionCueIds(questions)),
      answers: new Set(answerFeatures(linking).map((f) => f.id)),
      faq: new Set(faqFeatureIds(exchanges)),
    });
    if (fitted.questions) questions = withQuestionWeights(questions, fitted.questions);
    if (fitted.answers) linking = withAnswerWeights(linking, fitted.answers);
    if (fitted.faq) exchanges = withFaqWeights(exchanges, fitted.faq);
  }
  const quietTerms = new Set(fitted?.terms?.quiet ?? []);
  return {
    normalize: loadNormalizeRules(paths.rulesDir),
    questions,
    linking,
    exchanges,
    topics: loadTopics(rule('topics.yaml')),
    glossary,
    terms: buildTermMatcher(glossary),
    quietTerms,
    segmenter: () => (segmenter ??= createSegmenter(glossary)),
  };
}
