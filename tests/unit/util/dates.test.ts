import { describe, expect, it } from 'vitest';
import { formatDateOf, formatDay } from '@/lib/util/dates';

describe('dates a reader sees', () => {
  it('an account day is written as the reader’s language writes it, whatever the time zone', () => {
    expect(formatDay('2026-05-03', 'en')).toBe('May 3, 2026');
    expect(formatDay('2026-05-03', 'de')).toBe('03.05.2026');
    expect(formatDay('2026-05-03', 'zh-CN')).toBe('2026年5月3日');
    expect(formatDay('2026-12-31', 'pt-BR')).toBe('31 de dez. de 2026');
  });

  it('the day of a moment (a snapshot saved, kept until) too, never as ISO', () => {
    const noon = Date.UTC(2026, 11, 7, 12);
    expect(formatDateOf(noon, 'de')).toBe('07.12.2026');
    expect(formatDateOf(noon, 'zh-CN')).toBe('2026年12月7日');
    expect(formatDateOf(noon, 'en')).not.toContain('2026-12-07');
  });
});
