/**
 * Invented transcripts for kb, emit, redact and build tests, written in the
 * cocolian-source layout. Every name and message here is made up.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { readTranscriptText } from '../../src/ingest/index.js';
import { newMessage } from '../../src/ingest/readers/common.js';
import type { Doc, Message, MessageAnalysis } from '../../src/model.js';
import { main } from '../../src/cli.js';
import { createDoc, runPipeline } from '../../src/pipeline.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { loadResources, type Resources } from '../../src/resources.js';

export const RULES_DIR = join(PACKAGE_ROOT, 'rules');
export const EXAMPLES = join(PACKAGE_ROOT, 'transcripts');
export const CORPUS = process.env.CHATKB_CORPUS ?? '/work/shared/corpus';

let cached: Resources | undefined;
export function resources(): Resources {
  cached ??= loadResources();
  return cached;
}

export type Line = [time: string, speaker: string, text: string];

export function chat(date: string, lines: Line[]): string {
  const out = ['---', 'layout:     source ', `title:      "${date}-WeChat"`, `date:       ${date} 12:00:00`, `author:     ${lines[0]?.[1] ?? ''}`, '---'];
  for (const [time, who, text] of lines) {
    out.push(`> ${time}  ${who}  `, '   ', ...text.split('\n').map((l) => `${l}  `), '   ');
  }
  return out.join('\n') + '\n';
}

export function docOf(text: string, file = 'transcripts/2024-01-01-chat.markdown'): Doc {
  const read = readTranscriptText(text, file);
  if (!read.transcript) throw new Error(read.diagnostics.map((d) => d.message).join('; '));
  return runPipeline(read.transcript, resources());
}

const temps: string[] = [];

/** A fresh folder under the system temp dir, removed after the test file (see `removeTemps`). */
export function tempDir(prefix = 'chatkb-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Every file under `root` with its content, by relative path (to compare whole trees byte for byte). */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

export function copyExamples(to: string): void {
  cpSync(EXAMPLES, to, { recursive: true });
}

export const PEOPLE = {
  asker: '顾清扬-青禾支付-支付产品-上海',
  bank: '苏墨白-星河银行-清算运营-北京',
  arch: '韩知远-云杉科技-架构-深圳',
  finance: '叶南星-橙子电商-财务-广州',
  risk: 'Oswin-蓝鲸钱包-风控-杭州',
} as const;

/** The command line run in-process: its exit code and what it printed. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'chatkb', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

/** One message of `analysedDoc`: its text, and what analysis found in it. */
export interface AnalysedLine {
  text: string;
  terms?: string[];
  kind?: Message['kind'];
  speaker?: string;
}

/**
 * A Doc as the stages after analysis see it, without running them: messages one a
 * minute from 10:00, two speakers taking turns, each with the glossary terms given.
 */
export function analysedDoc(file: string, lines: readonly AnalysedLine[], date = '2024-05-01'): Doc {
  const messages: Message[] = lines.map((l, i) => ({
    // the readers' own message builder, with the text kept exactly as given
    ...newMessage(i + 1, { line: i + 3, time: `10:${String(i).padStart(2, '0')}:00`, speaker: l.speaker ?? (i % 2 ? '周一鸣' : '林小雨'), raw: l.text, kind: l.kind ?? 'text' }),
    raw: l.text,
    text: l.text,
  }));
  const analyses: MessageAnalysis[] = lines.map((l, i) => ({
    id: `m${i + 1}`, terms: l.terms ?? [], question: false, questionScore: 0, cues: [], answerCues: [], closureCues: [], qtype: null, skip: false,
  }));
  return { ...createDoc({ file, format: 'test', date, title: null, meta: {}, encoding: 'utf-8', messages }), analyses, links: [], exchanges: [], terms: [] };
}
