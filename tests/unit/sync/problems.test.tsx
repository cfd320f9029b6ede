// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SyncStatusTable } from '@/components/SyncStatusTable';
import { GraphError } from '@/lib/graph/errors';
import { AppError } from '@/lib/schema/errors';
import type { AccountSyncSummary } from '@/lib/schema/sync';
import { syncProblemOf } from '@/lib/sync/problems';
import { container, mount, unmount } from '@/tests/support/dom';
import { readerFor } from '../i18n/reader';

const AT = Date.parse('2026-11-20T15:00:00Z');

const graphError = (code: number, message: string) =>
  new GraphError({
    httpStatus: 400,
    code,
    subcode: null,
    type: 'OAuthException',
    message,
    userTitle: null,
    userMsg: null,
    isTransient: false,
    fbtraceId: null,
  });

async function shownIn(folder: 'de' | 'zh_CN', problem: AccountSyncSummary['problem']) {
  const summary: AccountSyncSummary = {
    accountId: 'act_1',
    state: 'problem',
    lastSyncAt: null,
    nextRunAt: null,
    rows: 0,
    progress: null,
    problem,
    partial: false,
  };
  await mount(
    <SyncStatusTable
      t={readerFor(folder).t}
      accounts={[]}
      status={[summary]}
      now={AT}
      onSyncNow={() => {}}
    />,
  );
  return container.querySelector('[data-testid="sync-state"]')?.textContent ?? '';
}

describe('a failed sync, told in the reader’s language', () => {
  it('keeps only Meta’s own words from the error, without the token', () => {
    const problem = syncProblemOf(
      graphError(100, 'Unsupported get request (access_token=EAAB1234567890secret)'),
      AT,
    );
    expect(problem.kind).toBe('error');
    expect(problem.message).toMatch(/^\(Unsupported get request .*\)$/);
    expect(problem.message).not.toContain('EAAB1234567890secret');
    // Adlens's own errors carry English sentences the catalogue already says in every language.
    expect(syncProblemOf(new AppError('unknown-account', 'Not connected.'), AT).message).toBe('');
  });

  it('reads German and Chinese around Meta’s words, with no English sentence of Adlens', async () => {
    const problem = syncProblemOf(graphError(100, 'Unsupported get request'), AT);
    const german = await shownIn('de', problem);
    expect(german).toBe(
      'Synchronisierung wegen einer unerwarteten Antwort von Meta fehlgeschlagen. (Unsupported get request)',
    );
    unmount();
    const permission = syncProblemOf(graphError(200, 'Requires ads_read permission'), AT);
    expect(permission.kind).toBe('permission');
    const chinese = await shownIn('zh_CN', permission);
    unmount();
    expect(chinese).toMatch(
      /^缺少权限：请授予 ads_read.*重新连接。\(Requires ads_read permission\)$/,
    );
  });
});
