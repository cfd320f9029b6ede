import { describe, expect, it } from 'vitest';
import { catalogueFor } from '@/lib/util/locales';
import { formatMessage, placeholdersOf } from '@/lib/util/message-format';

describe('formatMessage', () => {
  it('puts substitutions where the sentence wants them, and $$ is a dollar sign', () => {
    expect(formatMessage('$2 – $1, $$5', ['a', 'b'], 'en')).toBe('b – a, $5');
  });

  it('chooses the plural case by the language’s rules and writes the count in its digits', () => {
    const template = '{$1, plural, one {# Befund} other {# Befunde}}';
    expect(formatMessage(template, [1], 'de')).toBe('1 Befund');
    expect(formatMessage(template, [1234], 'de')).toBe('1.234 Befunde');
    const chinese = '{$1, plural, other {# 项发现}}';
    expect(formatMessage(chinese, [1], 'zh-CN')).toBe('1 项发现');
  });

  it('prefers an exact case and keeps placeholders working inside a case', () => {
    const template = 'last day $1, {$2, plural, =0 {within the band} other {# days outside}}';
    expect(formatMessage(template, ['€3', 0], 'en')).toBe('last day €3, within the band');
    expect(formatMessage(template, ['€3', 2], 'en')).toBe('last day €3, 2 days outside');
  });

  it('never reads substituted text as a placeholder, a plural or a count', () => {
    const hostile = '{$1, plural, other {x}} $2 #';
    expect(formatMessage('Campaign: $1 ($2)', [hostile, 3], 'en')).toBe(`Campaign: ${hostile} (3)`);
    expect(formatMessage('{$2, plural, other {$1: #}}', ['#1 sale', 4], 'en')).toBe('#1 sale: 4');
  });

  it('reads a count stored already written out ("1,130") in the general form, never as NaN', () => {
    const template = 'while $1 bought {$2, plural, one {# click} other {# clicks}}';
    expect(formatMessage(template, ['$9', '1,130'], 'en')).toBe('while $9 bought 1,130 clicks');
    expect(formatMessage(template, ['$9', '1'], 'en')).toBe('while $9 bought 1 click');
  });

  it('lists the placeholders a message uses', () => {
    expect(placeholdersOf('$2 of $1, $$3, {$1, plural, other {#}}')).toEqual([1, 2]);
  });
});

describe('catalogueFor', () => {
  it('matches what pages declare in <html lang> to a catalogue, or none', () => {
    expect(catalogueFor('de-DE')).toBe('de');
    expect(catalogueFor('es-419')).toBe('es');
    expect(catalogueFor('pt-BR')).toBe('pt_BR');
    expect(catalogueFor('pt_PT')).toBe('pt_BR');
    expect(catalogueFor('zh-CN')).toBe('zh_CN');
    expect(catalogueFor('zh-Hans-SG')).toBe('zh_CN');
    expect(catalogueFor('zh-TW')).toBeNull();
    expect(catalogueFor('zh-Hant')).toBeNull();
    expect(catalogueFor('en-US')).toBe('en');
    expect(catalogueFor('ru')).toBeNull();
  });
});
