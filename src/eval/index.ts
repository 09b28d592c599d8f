/** `chatkb eval`: measurement of an extraction against gold files and the reference benchmarks. */
export * from './extraction.js';
export * from './gold.js';
export * from './measures.js';
export * from './editor.js';
export * from './editor-answers.js';
export * from './links.js';
export * from './raw.js';
export * from './report.js';
