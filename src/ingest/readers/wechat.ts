/**
 * What the WeChat exporters (MemoTrace/WeChatMsg, chatlog) share: the message `Type`/`SubType`
 * numbers of WeChat's MSG table and the `<appmsg>` XML of type-49 messages.
 */
import type { MessageKind } from '../../model.js';

export interface WechatType {
  /** The kind the type carries, or null for text (and types whose text is worth reading). */
  kind: MessageKind | null;
  /** What the WeChat client shows when a message of this type has no text of its own. */
  label: string;
}

/**
 * Type 1 text, 3 image, 34 voice, 42 contact card, 43 video, 47 sticker, 48 location,
 * 49 app message (SubType 5 link, 6 file, 8 GIF, 19 forwarded chat, 33/36 mini-program,
 * 57 quote-reply, 87 group notice, 2000 transfer, 2001 red packet), 50 call,
 * 10000 system, 10002 recall and other system notices.
 */
export function wechatType(type: number, subType: number): WechatType {
  switch (type) {
    case 1:
      return { kind: null, label: '' };
    case 3:
      return { kind: 'image', label: '[图片]' };
    case 34:
      return { kind: 'voice', label: '[语音]' };
    case 42:
      return { kind: null, label: '[名片]' };
    case 43:
      return { kind: 'video', label: '[视频]' };
    case 47:
      return { kind: 'sticker', label: '[动画表情]' };
    case 48:
      return { kind: null, label: '[位置]' };
    case 49:
      switch (subType) {
        case 57:
          return { kind: null, label: '' };
        case 6:
          return { kind: 'file', label: '[文件]' };
        case 8:
          return { kind: 'sticker', label: '[GIF表情]' };
        case 19:
          return { kind: null, label: '[聊天记录]' };
        case 87:
          return { kind: 'announcement', label: '[群公告]' };
        case 2000:
          return { kind: null, label: '[转账]' };
        case 2001:
          return { kind: null, label: '[红包]' };
        default:
          return { kind: 'link', label: '[链接]' };
      }
    case 50:
      return { kind: null, label: '[语音通话]' };
    case 10000:
    case 10002:
      return { kind: 'system', label: '' };
    default:
      return { kind: null, label: '' };
  }
}

// ── <appmsg> XML ────────────────────────────────────────────────────────────

export interface ReferMsg {
  displayName: string;
  content: string;
  svrid: string | null;
  sender: string;
  type: number | null;
  createTime: number | null;
}

export interface AppMsg {
  title: string;
  url: string;
  type: number | null;
  refer: ReferMsg | null;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text: CDATA unwrapped, the five named entities and numeric references decoded. */
export function xmlText(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1]!;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function tag(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? xmlText(m[1]!) : null;
}

function intOrNull(s: string | null): number | null {
  if (s === null || !/^\s*-?\d+\s*$/.test(s)) return null;
  return Number(s);
}

/** The fields of an `<msg><appmsg>…</appmsg></msg>` payload, or null when it is not one. */
export function parseAppMsg(xml: string): AppMsg | null {
  const start = xml.indexOf('<appmsg');
  if (start === -1) return null;
  const body = xml.slice(start);
  const referStart = body.indexOf('<refermsg');
  // the quoted message's own fields must not be taken for the reply's
  const own = referStart === -1 ? body : body.slice(0, referStart);
  let refer: ReferMsg | null = null;
  if (referStart !== -1) {
    const r = body.slice(referStart);
    refer = {
      displayName: tag(r, 'displayname') ?? '',
      content: tag(r, 'content') ?? '',
      svrid: tag(r, 'svrid')?.trim() || null,
      sender: (tag(r, 'chatusr') || tag(r, 'fromusr')) ?? '',
      type: intOrNull(tag(r, 'type')),
      createTime: intOrNull(tag(r, 'createtime')),
    };
  }
  return { title: tag(own, 'title') ?? '', url: tag(own, 'url') ?? '', type: intOrNull(tag(own, 'type')), refer };
}

/** `[title](url)`, the way link messages appear in the cocolian transcripts. */
export function linkText(title: string, url: string): string {
  if (!url) return title;
  return `[${title || url}](${url})`;
}
