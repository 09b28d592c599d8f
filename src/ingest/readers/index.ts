/**
 * The registered readers. A new format is one import and one entry here; detection
 * and `--format` pick it up from this list.
 */
import type { Reader } from '../reader.js';
import { cocolianAnon } from './cocolian-anon.js';
import { cocolianSource } from './cocolian-source.js';
import { cocolianSourceMerged } from './cocolian-source-merged.js';
import { wechatMemotraceCsv } from './wechat-memotrace-csv.js';
import { wechatMemotraceTxt } from './wechat-memotrace-txt.js';
import { wechatMemotraceAiTxt } from './wechat-memotrace-ai-txt.js';
import { wechatChatlogJson } from './wechat-chatlog-json.js';
import { telegramJson } from './telegram-json.js';
import { slackExport } from './slack-export.js';
import { discordJson } from './discord-json.js';
import { whatsappTxt } from './whatsapp-txt.js';
import { irc } from './irc.js';

export const readers: readonly Reader[] = [
  cocolianSource,
  cocolianSourceMerged,
  cocolianAnon,
  wechatMemotraceCsv,
  wechatMemotraceTxt,
  wechatMemotraceAiTxt,
  wechatChatlogJson,
  telegramJson,
  slackExport,
  discordJson,
  whatsappTxt,
  irc,
];
