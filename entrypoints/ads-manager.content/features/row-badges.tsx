import { render } from 'preact';
import { Badge } from '@/components/Badge';
import { StatusChip } from '@/components/StatusChip';
import type { Feature } from '@/lib/meta/feature-runner';
import { matchName, type NameIndex } from '@/lib/meta/name-match';
import { detectAdsManagerPage, type AdsManagerPage } from '@/lib/meta/page-detect';
import { trackRows, type RowTrackerStatus, type TrackedRow } from '@/lib/meta/rows';
import { ensureInlineShadowUi, mountShadowUi, removeInlineShadowUi } from '@/lib/meta/shadow-ui';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import {
  createRowFindingsCache,
  type RowFindingsCache,
} from '@/entrypoints/ads-manager.content/row-findings-cache';
import css from './row-badges.css?inline';
import statusCss from './row-badges-status.css?inline';

/**
 * A badge on each visible table row whose entity has findings: severity colour, count, and the top
 * finding's sentence as tooltip and accessible label. Rows without findings get nothing. Badges
 * follow the virtualized table (lib/meta/rows.ts) and never move it; when the rows cannot be found
 * or identified, a status chip beside the panel says so instead of failing silently.
 *
 * Test URLs: https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=<digits> (also
 * adsets, ads; the simulator's `no-data-surface` variant for names), with findings in the cache.
 */
const BADGE_TAG = 'adlens-badge';
/** On the badge's host: which entity it speaks for (tests and the page's own tools can see it). */
const ENTITY_ATTRIBUTE = 'data-adlens-entity';
const STATUS_TAG = 'adlens-status';
const NO_ROWS = 'Adlens can’t find the table rows on this page.';
const UNIDENTIFIED = 'Adlens can’t tell which items these table rows show.';

/**
 * The account's entity names, for a page without `data-surface` ids.
 *
 * TODO [2026-12-07]: ask the background once the sync engine's `entities` message exists (issue 3),
 * through the page query client, and build the index with `buildNameIndex` (lib/meta/name-match).
 * Until then such pages get no badges and the status chip says the rows cannot be identified.
 */
function loadNameIndex(_page: AdsManagerPage): Promise<NameIndex | undefined> {
  return Promise.resolve(undefined);
}

function paintRow(row: TrackedRow, cache: RowFindingsCache, painted: Set<Element>): void {
  const { anchor, entityId } = row;
  if (!anchor) return;
  const findings = entityId === undefined ? undefined : cache.get(entityId);
  if (!findings) {
    // Also clears a recycled row's badge that belonged to the entity it showed before.
    removeInlineShadowUi(anchor, BADGE_TAG);
    painted.delete(anchor);
    return;
  }
  const { host, root } = ensureInlineShadowUi(anchor, BADGE_TAG, css);
  host.setAttribute(ENTITY_ATTRIBUTE, findings.entityId);
  render(
    <Badge severity={findings.severity} count={findings.count} sentence={findings.topSentence} />,
    root,
  );
  painted.add(anchor);
}

/** The status chip, shown while `message` says what is wrong; one at a time. */
function createStatusChip(signal: AbortSignal): (message: string | undefined) => void {
  let shown: { message: string; controller: AbortController } | undefined;
  signal.addEventListener('abort', () => shown?.controller.abort(), { once: true });
  return (message) => {
    if (shown?.message === message) return;
    shown?.controller.abort();
    shown = undefined;
    if (message === undefined || signal.aborted) return;
    const controller = new AbortController();
    const root = mountShadowUi({ tagName: STATUS_TAG, css: statusCss, signal: controller.signal });
    if (root) render(<StatusChip message={message} />, root);
    shown = { message, controller };
  };
}

export const rowBadges: Feature = {
  id: 'row-badges',
  include: (url) => detectAdsManagerPage(url) !== undefined,
  init(signal, url) {
    const page = detectAdsManagerPage(url);
    if (!page) return;
    const cache = createRowFindingsCache(pageQueryClient(), page);
    const painted = new Set<Element>();
    const showStatus = createStatusChip(signal);
    let status: RowTrackerStatus = 'searching';
    let rows: readonly TrackedRow[] = [];
    let nameIndex: NameIndex | undefined;
    let namesSettled = false;

    function updateStatus(): void {
      if (status === 'no-table' || status === 'no-rows') return showStatus(NO_ROWS);
      const unidentified =
        namesSettled && rows.length > 0 && rows.every((row) => row.entityId === undefined);
      showStatus(unidentified ? UNIDENTIFIED : undefined);
    }

    function repaint(entityIds: readonly string[]): void {
      if (signal.aborted || entityIds.length === 0) return;
      const answered = new Set(entityIds);
      for (const row of rows) {
        if (row.entityId !== undefined && answered.has(row.entityId)) paintRow(row, cache, painted);
      }
    }

    function onChange(changed: readonly TrackedRow[], all: readonly TrackedRow[]): void {
      rows = all;
      for (const row of changed) paintRow(row, cache, painted);
      const unknown = changed.flatMap(({ entityId }) =>
        entityId !== undefined && cache.get(entityId) === undefined ? [entityId] : [],
      );
      if (unknown.length > 0) void cache.load(unknown).then(repaint);
      updateStatus();
    }

    const tracker = trackRows({
      signal,
      onChange,
      onStatus(next) {
        status = next;
        updateStatus();
      },
      identifyByName: (name) => (nameIndex ? matchName(nameIndex, name) : undefined),
    });

    void loadNameIndex(page).then((index) => {
      if (signal.aborted) return;
      nameIndex = index;
      namesSettled = true;
      if (index) tracker.refresh();
      updateStatus();
    });

    signal.addEventListener(
      'abort',
      () => {
        for (const anchor of painted) removeInlineShadowUi(anchor, BADGE_TAG);
        painted.clear();
      },
      { once: true },
    );
  },
};
