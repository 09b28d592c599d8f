import { describe, expect, it } from 'vitest';
import { parseYaml, DataFileError } from '../../src/rules/load.js';
import { parseSpeaker, speakerRulesSchema, splitDisplay } from '../../src/normalize/speakers.js';
import { rules } from './helpers.js';

const p = (display: string) => {
  const { name, org, role, city } = parseSpeaker(display, rules().speakers);
  return { name, org, role, city };
};

describe('parseSpeaker', () => {
  it('reads the usual 姓名-公司-岗位-地区 order', () => {
    expect(p('林小雨-某某支付-产品-杭州')).toEqual({ name: '林小雨', org: '某某支付', role: '产品', city: '杭州' });
    expect(p('周海涛_云帆科技_产品经理_深圳')).toEqual({ name: '周海涛', org: '云帆科技', role: '产品经理', city: '深圳' });
    expect(p('陈一帆 | 星河金服 | 架构师 | 上海')).toEqual({ name: '陈一帆', org: '星河金服', role: '架构师', city: '上海' });
  });

  it('decides by recognisers, not position: org or role first, name last', () => {
    expect(p('成都星云—技术—Oscar')).toEqual({ name: 'Oscar', org: '成都星云', role: '技术', city: null });
    expect(p('果壳—产品—王梦瑶')).toEqual({ name: '王梦瑶', org: '果壳', role: '产品', city: null });
    expect(p('支付-石一鸣-北京')).toEqual({ name: '石一鸣', org: '支付', role: null, city: '北京' });
    expect(p('北京_某宝支付_研发_张晨')).toEqual({ name: '张晨', org: '某宝支付', role: '研发', city: '北京' });
    expect(p('支付产品-ellen-上海')).toEqual({ name: 'ellen', org: null, role: '支付产品', city: '上海' });
  });

  it('accepts the other separators, with spaces around them', () => {
    expect(p('王月清～华信～产品经理～北京')).toMatchObject({ name: '王月清', role: '产品经理', city: '北京' });
    expect(p('李木 － 某某银行 － PM')).toMatchObject({ name: '李木', org: '某某银行', role: 'PM' });
    expect(p('赵一–某某金融–风控–广州')).toMatchObject({ name: '赵一', org: '某某金融', role: '风控', city: '广州' });
  });

  it('recognises compound roles and role words inside an org part', () => {
    expect(p('孙北辰-某某金服-支付产品PM-上海').role).toBe('支付产品PM');
    expect(p('钱多多-某某聚合-资金清结算开发').role).toBe('资金清结算开发');
    expect(p('autumn-某团产品经理')).toEqual({ name: 'autumn', org: '某团', role: '产品经理', city: null });
    expect(p('Kiki-某某科技-TechLead-BJ')).toEqual({ name: 'Kiki', org: '某某科技', role: 'TechLead', city: '北京' });
  });

  it('maps city codes, provinces and 市 to a place', () => {
    expect(p('老吴-某某-PM-SH').city).toBe('上海');
    expect(p('老吴-某某-PM-PEK').city).toBe('北京');
    expect(p('老吴-某某-PM-成都市').city).toBe('成都');
    expect(p('老吴-某某-山东').city).toBe('山东');
    // SZ is 深圳 or 苏州: never guessed.
    expect(p('老吴-某某-PM-SZ').city).toBeNull();
  });

  it('marks moderators', () => {
    expect(p('程小月_群管理')).toEqual({ name: '程小月', org: null, role: '群管理', city: null });
    expect(p('阿木-群主-北京')).toMatchObject({ name: '阿木', role: '群管理', city: '北京' });
  });

  it('keeps a single-part name whole, without lost emoji', () => {
    expect(p('风里来去')).toEqual({ name: '风里来去', org: null, role: null, city: null });
    expect(p('许小深Breeze??')).toMatchObject({ name: '许小深Breeze' });
    expect(p('?小翼?')).toMatchObject({ name: '小翼' });
    expect(p('Zephyr Chen')).toMatchObject({ name: 'Zephyr Chen', org: null });
    expect(p('张于一-支付产品??-杭州')).toMatchObject({ name: '张于一', role: '支付产品', city: '杭州' });
  });

  it('leaves a field null when two parts could be the name', () => {
    // a nickname first and a surname-like word second: either could be the person
    expect(p('远山-文博-产品')).toEqual({ name: null, org: null, role: '产品', city: null });
  });

  it('takes the one unrecognised part as the name when all others are recognised', () => {
    expect(p('某某支付～开发～青禾')).toEqual({ name: '青禾', org: '某某支付', role: '开发', city: null });
    expect(p('上海_运营_雪')).toEqual({ name: '雪', org: null, role: '运营', city: '上海' });
  });

  it('splits on spaces only when that gives recognised parts', () => {
    expect(splitDisplay('胡一 支付产品经理 某某网', rules().speakers)).toEqual(['胡一', '支付产品经理', '某某网']);
    expect(splitDisplay('Autumn 梁一', rules().speakers)).toEqual(['Autumn 梁一']);
    expect(p('陈桂一 某某支付 -研发组长')).toMatchObject({ name: '陈桂一', org: '某某支付', role: '研发组长' });
  });

  it('decodes entities in display names', () => {
    expect(p('付一-餐饮-SaaS&amp;amp;零售-成都')).toMatchObject({ name: '付一', city: '成都' });
  });

  it('gives an empty display no fields', () => {
    expect(p('')).toEqual({ name: null, org: null, role: null, city: null });
  });
});

describe('speakers.yaml validation', () => {
  it('reports a bad city code with file, line and column', () => {
    const text = [
      'id: speaker/profile',
      'description: x',
      "separators: ['-']",
      'spacePartsMin: 3',
      'moderatorWords: [群管理]',
      'moderatorRole: 群管理',
      'roles: [产品]',
      'roleQualifiers: [支付]',
      'cities: [北京]',
      'cityCodes:',
      '  bj: 北京',
      'orgWords: [支付]',
      'surnames: [王]',
    ].join('\n');
    expect(() => parseYaml(text, 'speakers.yaml', speakerRulesSchema)).toThrow(DataFileError);
    expect(() => parseYaml(text, 'speakers.yaml', speakerRulesSchema)).toThrow(/^speakers\.yaml:11:\d+: /);
  });
});
