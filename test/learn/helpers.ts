// Small invented gold days for the fitting tests: a corpus folder and a gold folder in tmp.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Turn {
  time: string;
  speaker: string;
  text: string;
}

/** Question/answer topics the days are made of (invented). */
const TOPICS: [string, string, string][] = [
  ['原路退回一般要多久到账？', '原路退回一般三到五个工作日到账', '卡注销的话原路退回会失败'],
  ['代付通道一般怎么对账？', '代付对账一般每天拿通道的对账文件逐笔核对', '对账文件里要有代付的流水号'],
  ['备付金账户能不能直接出款？', '备付金不能直接出款，要走备付金集中存管', '出款要经过网联清算'],
  ['T+1结算的T是交易日还是自然日？', 'T+1一般按自然日算，节假日顺延看合同', '有的收单机构按工作日'],
  ['聚合支付要不要牌照？', '聚合支付只做技术服务可以不要牌照，碰资金就是二清', '碰了资金清算就违规'],
  ['商户进件一般审核多久？', '商户进件一般一到两天审核完', '资料齐全的话当天就能开通'],
];

const A = '林小雨-某某支付-产品-杭州';
const B = '周一鸣-星河银行-运营-上海';
const C = '陈一帆-云杉科技-架构-北京';
const D = '苏晴-青禾支付-开发-深圳';

/** One day: three questions, each answered by two people, with chatter between. */
function day(n: number): { turns: Turn[]; gold: string; date: string; file: string } {
  const date = `2024-04-${String(10 + n).padStart(2, '0')}`;
  const turns: Turn[] = [];
  const questions: string[] = [];
  let minute = 0;
  const at = () => {
    const t = `10:${String(minute).padStart(2, '0')}:00`;
    minute += 2;
    return t;
  };
  for (let k = 0; k < 3; k++) {
    const [q, a1, a2] = TOPICS[(n * 3 + k) % TOPICS.length]!;
    const asker = k % 2 ? D : A;
    const qt = at();
    turns.push({ time: qt, speaker: asker, text: `请问${q}` });
    const t1 = at();
    turns.push({ time: t1, speaker: B, text: a1 });
    turns.push({ time: at(), speaker: D === asker ? A : D, text: k % 2 ? '我们一般也是这么做的吧' : '哈哈哈' });
    const t2 = at();
    turns.push({ time: t2, speaker: C, text: a2 });
    turns.push({ time: at(), speaker: asker, text: '明白了，谢谢' });
    questions.push(
      `  - id: q${k + 1}\n    at: ["${qt}"]\n    speaker: ${asker}\n    text: 请问${q}\n    answers: ["${t1}", "${t2}"]\n    answer_speakers: [${B}, ${C}]\n    faq: true\n    optional: false\n    topic: t\n`,
    );
  }
  const file = `cocolian-source/demo/${date}-chat.markdown`;
  return { turns, date, file, gold: `file: ${file}\nformat: cocolian-source\nquestions:\n${questions.join('')}terms: []\n` };
}

export function transcript(date: string, turns: Turn[]): string {
  const body = turns.map((t) => `> ${t.time}  ${t.speaker}  \n   \n${t.text}\n`).join('\n');
  return `---\nlayout: source\ntitle: 示例群 ${date}\ndate: ${date}\n---\n\n${body}`;
}

/** `days` invented gold days under a new tmp folder: `{ corpus, gold }`. */
export function goldDays(days: number): { corpus: string; gold: string; files: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'chatkb-learn-'));
  const corpus = join(root, 'corpus');
  const gold = join(root, 'gold');
  mkdirSync(join(corpus, 'cocolian-source', 'demo'), { recursive: true });
  mkdirSync(gold);
  const files: string[] = [];
  for (let n = 0; n < days; n++) {
    const d = day(n);
    writeFileSync(join(corpus, d.file), transcript(d.date, d.turns));
    writeFileSync(join(gold, `demo-${d.date}.gold.yaml`), d.gold);
    files.push(join(corpus, d.file));
  }
  return { corpus, gold, files };
}
