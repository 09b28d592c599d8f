/**
 * A short, made-up file in each format, as `chatkb formats` shows it. Each is tested to be
 * detected as its format and read without a problem, so the listing cannot drift from
 * what the readers take.
 */
import type { FormatId } from '../../model.js';

export interface FormatExample {
  /** A typical file name of the format. */
  file: string;
  text: string;
}

const STARS = '*'.repeat(20);

export const EXAMPLES: Record<FormatId, FormatExample> = {
  'cocolian-source': {
    file: 'prodarch/2024-03-12-chat.markdown',
    text: [
      '---',
      'layout:     source',
      'title:      "2024-03-12-WeChat"',
      'date:       2024-03-12 12:00:00',
      '---',
      '> 09:15:02  林小雨-某某支付-产品-杭州  ',
      '',
      '只支持原路退回吗？  ',
      '',
      '> 09:16:40  赵一鸣-示例银行-架构-北京  ',
      '',
      '卡注销了可以走非原路退款  ',
      '',
    ].join('\n'),
  },
  'cocolian-source-merged': {
    file: 'prodarch/2024-03-merged.markdown',
    text: [
      '---',
      'layout:     source',
      'title:      "2024-03-12-WeChat"',
      'tag:        [merged]',
      '---',
      '## 2024-03-12   ',
      '> 2024-03-12 09:15:02  林小雨-某某支付-产品-杭州  ',
      '',
      '入账、出账英文怎么说？  ',
      '',
      '> 2024-03-12 09:16:40  赵一鸣-示例银行-架构-北京  ',
      '',
      'inflow / outflow  ',
      '',
    ].join('\n'),
  },
  'cocolian-anon': {
    file: '2024-03-12-wechat1.markdown',
    text: ['---', 'title:      "聊天记录2024-03-12未整理版"', 'date:       2024-03-12 12:00', '---', '', '9:15:02\t只支持原路退回吗？', '9:16:40\t卡注销了可以走非原路退款', ''].join('\n'),
  },
  'wechat-memotrace-csv': {
    file: '支付产品交流群_utf8.csv',
    text: [
      'localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender',
      '1,7,1,0,0,1710206102,2,只支持原路退回吗？,2024-03-12 09:15:02,林小雨,小雨,wxid_example01',
      '2,7,1,0,0,1710206200,2,卡注销了可以走非原路退款,2024-03-12 09:16:40,赵一鸣,一鸣,wxid_example02',
      '',
    ].join('\n'),
  },
  'wechat-memotrace-txt': {
    file: '支付产品交流群.txt',
    text: ['2024-03-12 09:15:02 林小雨', '只支持原路退回吗？', '', '2024-03-12 09:16:40 赵一鸣', '卡注销了可以走非原路退款', ''].join('\n'),
  },
  'wechat-memotrace-ai-txt': {
    file: '支付产品交流群_chat.txt',
    text: ['', '', `${STARS}2024-03-12${STARS}`, '', '林小雨:只支持原路退回吗？ 卡注销了怎么办 ', '我:可以走非原路退款。 '].join('\n'),
  },
  'wechat-chatlog-json': {
    file: 'chatlog.json',
    text: JSON.stringify(
      [
        { seq: 1710206102000, time: '2024-03-12T09:15:02+08:00', talker: '43210987654@chatroom', talkerName: '支付产品交流群', isChatRoom: true, sender: 'wxid_example01', senderName: '林小雨', type: 1, content: '只支持原路退回吗？' },
        { seq: 1710206200000, time: '2024-03-12T09:16:40+08:00', talker: '43210987654@chatroom', talkerName: '支付产品交流群', isChatRoom: true, sender: 'wxid_example02', senderName: '赵一鸣', type: 1, content: '卡注销了可以走非原路退款' },
      ],
      null,
      2,
    ),
  },
  'telegram-json': {
    file: 'result.json',
    text: JSON.stringify(
      {
        name: '支付产品交流群',
        type: 'private_supergroup',
        id: 1987650001,
        messages: [
          { id: 1, type: 'message', date: '2024-03-12T09:15:02', from: '林小雨', from_id: 'user5550001', text: '只支持原路退回吗？' },
          { id: 2, type: 'message', date: '2024-03-12T09:16:40', from: '赵一鸣', from_id: 'user5550002', reply_to_message_id: 1, text: '卡注销了可以走非原路退款' },
        ],
      },
      null,
      1,
    ),
  },
  'slack-export': {
    file: 'payments/2024-03-12.json',
    text: JSON.stringify(
      [
        { type: 'message', user: 'U01EXAMPLE', text: 'Are refunds only to the original route?', ts: '1710206102.000200', thread_ts: '1710206102.000200', user_profile: { real_name: '林小雨' } },
        { type: 'message', user: 'U02EXAMPLE', text: 'A closed card can take a non-original-route refund.', ts: '1710206200.000300', thread_ts: '1710206102.000200', parent_user_id: 'U01EXAMPLE', user_profile: { real_name: '赵一鸣' } },
      ],
      null,
      4,
    ),
  },
  'discord-json': {
    file: 'Payments Builders - help [1200000000000000100].json',
    text: JSON.stringify(
      {
        guild: { id: '1100000000000000001', name: 'Payments Builders' },
        channel: { id: '1200000000000000100', type: 'GuildTextChat', name: 'help' },
        messages: [
          { id: '1217000000000000002', type: 'Default', timestamp: '2024-03-12T09:15:02.000+08:00', content: 'Are refunds only to the original route?', author: { id: '1300000000000000001', name: 'lin', nickname: '林小雨' } },
          { id: '1217000000000000003', type: 'Reply', timestamp: '2024-03-12T09:16:40.000+08:00', content: 'A closed card can take a non-original-route refund.', author: { id: '1300000000000000002', name: 'zhao', nickname: '赵一鸣' }, reference: { messageId: '1217000000000000002' } },
        ],
      },
      null,
      2,
    ),
  },
  'whatsapp-txt': {
    file: 'WhatsApp Chat - 支付产品交流群.txt',
    text: ['[12/03/2024, 09:15:02] 林小雨: 只支持原路退回吗？', '[12/03/2024, 09:16:40] 赵一鸣: 卡注销了可以走非原路退款', ''].join('\n'),
  },
  irc: {
    file: '#payments.2024-03-12.log',
    text: ['[09:15] <lin_xy> are refunds only to the original route?', '[09:16] <zhao> lin_xy: a closed card can take a non-original-route refund', ''].join('\n'),
  },
};
