/**
 * `chatkb site init <generator>`: the configuration a site generator needs to publish the
 * knowledge base folder as it is. Each template is built in CI (VitePress, Docusaurus) or
 * documented (MkDocs, Hugo); they only say where things are and what to escape, the
 * Markdown itself needs no change.
 */
export const GENERATORS = ['vitepress', 'docusaurus', 'mkdocs', 'hugo'] as const;
export type Generator = (typeof GENERATORS)[number];

export interface InitFile {
  /** Relative to the knowledge base folder (`out`) or, with `beside`, to the folder holding it. */
  path: string;
  content: string;
  beside?: boolean;
}

const VITEPRESS = `import { defineConfig } from 'vitepress'

// Written by \`chatkb site init vitepress\`. Build: npx vitepress build <this folder>
export default defineConfig({
  title: '知识库 · Knowledge base',
  lang: 'zh-CN',
  // Every folder's README.md is its index page.
  rewrites: { ':path(.*)/README.md': ':path/index.md' },
  themeConfig: { search: { provider: 'local' } },
  markdown: {
    config(md) {
      // Chat text may hold {{ }}: braces become entities so Vue does not read them as code.
      const text = md.renderer.rules.text!
      md.renderer.rules.text = (tokens, idx, options, env, self) =>
        text(tokens, idx, options, env, self).replace(/[{}]/g, (c) => (c === '{' ? '&#123;' : '&#125;'))
    },
  },
})
`;

const docusaurus = (out: string) => `// Written by \`chatkb site init docusaurus\`. Build: npm install && npx docusaurus build
/** @type {import('@docusaurus/types').Config} */
module.exports = {
  title: '知识库 · Knowledge base',
  url: 'https://example.com',
  baseUrl: '/',
  i18n: { defaultLocale: 'zh-Hans', locales: ['zh-Hans'] },
  onBrokenLinks: 'throw',
  markdown: { format: 'detect' },
  presets: [
    [
      'classic',
      {
        // The knowledge base folder itself is the docs.
        docs: { path: ${JSON.stringify(out)}, routeBasePath: '/', sidebarPath: undefined },
        blog: false,
        pages: false,
        theme: {},
      },
    ],
  ],
};
`;

const DOCUSAURUS_PACKAGE = `{
  "private": true,
  "scripts": { "build": "docusaurus build" },
  "dependencies": {
    "@docusaurus/core": "^3",
    "@docusaurus/preset-classic": "^3",
    "react": "^18",
    "react-dom": "^18"
  }
}
`;

const mkdocs = (out: string) => `# Written by \`chatkb site init mkdocs\`. Build: pip install mkdocs && mkdocs build
site_name: 知识库 · Knowledge base
docs_dir: ${out}
use_directory_urls: false
theme:
  name: mkdocs
  locale: zh
plugins:
  - search:
      lang: [zh, en]
`;

const hugo = (out: string) => `# Written by \`chatkb site init hugo\`. Build: hugo (the knowledge base folder is the content)
title = "知识库 · Knowledge base"
contentDir = "${out}"
defaultContentLanguage = "zh-cn"
hasCJKLanguage = true
[markup.goldmark.renderer]
  # The glossary's term anchors are the only raw HTML in the knowledge base.
  unsafe = true
`;

/** The files for a generator; `out` is the knowledge base folder's name as seen from beside it. */
export function initFiles(generator: Generator, out: string): InitFile[] {
  switch (generator) {
    case 'vitepress':
      return [{ path: '.vitepress/config.mts', content: VITEPRESS }];
    case 'docusaurus':
      return [
        { path: 'docusaurus/docusaurus.config.js', content: docusaurus(`../${out}`), beside: true },
        { path: 'docusaurus/package.json', content: DOCUSAURUS_PACKAGE, beside: true },
      ];
    case 'mkdocs':
      return [{ path: 'mkdocs.yml', content: mkdocs(out), beside: true }];
    case 'hugo':
      return [{ path: 'hugo.toml', content: hugo(out), beside: true }];
  }
}
