import { describe, expect, it } from 'vitest';
import { buildNameIndex, matchName, normalizeName } from '@/lib/ads-manager/name-match';

describe('name matcher', () => {
  const index = buildNameIndex([
    { id: '1', name: 'Prospecting | US | Broad' },
    { id: '2', name: 'Retargeting | US | Broad' },
    { id: '3', name: 'Retargeting | US | Broad' },
    { id: '4', name: 'Spring Sale <img src=x onerror=alert(1)>' },
    { id: '5', name: 'Cre\u0300me  brûlée\n' },
  ]);

  it('matches a unique visible name to its entity', () => {
    expect(matchName(index, 'Prospecting | US | Broad')).toBe('1');
    expect(matchName(index, 'Spring Sale <img src=x onerror=alert(1)>')).toBe('4');
  });

  it('does not match a name two entities share', () => {
    expect(matchName(index, 'Retargeting | US | Broad')).toBeUndefined();
  });

  it('does not match unknown or empty names', () => {
    expect(matchName(index, 'Prospecting | US')).toBeUndefined();
    expect(matchName(index, '   ')).toBeUndefined();
  });

  it('matches across Unicode composition and whitespace differences', () => {
    expect(matchName(index, ' Crème brûlée ')).toBe('5');
    expect(normalizeName(' a \t b\n')).toBe('a b');
  });

  it('counts one entity listed twice once', () => {
    expect(
      matchName(
        buildNameIndex([
          { id: '9', name: 'A' },
          { id: '9', name: 'A' },
        ]),
        'A',
      ),
    ).toBe('9');
  });
});
