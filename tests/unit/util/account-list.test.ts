import { describe, expect, it } from 'vitest';
import {
  arrangeAccounts,
  compareByProblems,
  matchesAccountSearch,
  type ListedAccount,
} from '@/lib/util/account-list';

const none = { critical: 0, warning: 0, info: 0 };
const account = (
  accountId: string,
  name: string,
  findings = none,
  failed = false,
): ListedAccount => ({ accountId, name, findings, failed });

const ids = (accounts: readonly ListedAccount[]) => accounts.map((each) => each.accountId);

describe('searching a list of accounts', () => {
  const cafe = account('act_120045', 'Café Müller — Retargeting');

  it('finds an account by any part of its name, whatever the case and accents', () => {
    expect(matchesAccountSearch(cafe, 'cafe')).toBe(true);
    expect(matchesAccountSearch(cafe, 'MULLER')).toBe(true);
    expect(matchesAccountSearch(cafe, 'retarget')).toBe(true);
    expect(matchesAccountSearch(cafe, 'prospecting')).toBe(false);
  });

  it('finds it by its id, with or without act_, and by several words in any order', () => {
    expect(matchesAccountSearch(cafe, 'act_120045')).toBe(true);
    expect(matchesAccountSearch(cafe, '0045')).toBe(true);
    expect(matchesAccountSearch(cafe, '  retargeting   café ')).toBe(true);
    expect(matchesAccountSearch(cafe, 'retargeting 999')).toBe(false);
  });

  it('an empty search shows every account', () => {
    expect(matchesAccountSearch(cafe, '')).toBe(true);
    expect(matchesAccountSearch(cafe, '   ')).toBe(true);
  });
});

describe('ordering a list of accounts', () => {
  const quiet = account('act_1', 'Quiet');
  const notes = account('act_2', 'Notes', { critical: 0, warning: 0, info: 5 });
  const warned = account('act_3', 'Warned', { critical: 0, warning: 2, info: 0 });
  const critical = account('act_4', 'Critical', { critical: 1, warning: 0, info: 0 });
  const worse = account('act_5', 'Worse', { critical: 2, warning: 0, info: 0 });
  const failed = account('act_6', 'Failed', none, true);

  it('puts the most severe findings first: critical, then warnings, then notes, then a failed sync', () => {
    const all = [quiet, notes, warned, critical, worse, failed];
    expect(ids(arrangeAccounts(all, '', 'problems'))).toEqual([
      'act_5',
      'act_4',
      'act_3',
      'act_2',
      'act_6',
      'act_1',
    ]);
  });

  it('one critical finding outranks any number of warnings', () => {
    const manyWarnings = account('act_7', 'Many', { critical: 0, warning: 40, info: 90 });
    expect(compareByProblems(critical, manyWarnings)).toBeLessThan(0);
  });

  it('accounts with the same problems, or with findings not yet known, keep the order they came in', () => {
    const unknown: ListedAccount = { accountId: 'act_9', name: 'Unknown' };
    const given = [account('act_8', 'Zeta'), unknown, account('act_10', 'Alpha')];
    expect(ids(arrangeAccounts(given, '', 'problems'))).toEqual(['act_8', 'act_9', 'act_10']);
  });

  it('by name, in the reader’s collation with numbers in numeric order', () => {
    const given = [
      account('act_1', 'Client 10'),
      account('act_2', 'client 9'),
      account('act_3', 'Ärzte'),
      account('act_4', 'Bäckerei'),
    ];
    const german = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });
    expect(ids(arrangeAccounts(given, '', 'name', german))).toEqual([
      'act_3',
      'act_4',
      'act_2',
      'act_1',
    ]);
  });

  it('searches and orders together, and leaves the given list as it was', () => {
    const given = [quiet, critical, account('act_11', 'Critical care'), worse];
    expect(ids(arrangeAccounts(given, 'crit', 'problems'))).toEqual(['act_4', 'act_11']);
    expect(ids(given)).toEqual(['act_1', 'act_4', 'act_11', 'act_5']);
  });
});
