import { render } from 'preact';
import { Badge } from '@/components/Badge';
import { StatusChip } from '@/components/StatusChip';
import { send } from '@/lib/messaging/page-client';
import type { Feature } from '@/lib/ads-manager/feature-runner';
import { normalizeName } from '@/lib/ads-manager/name-match';
import { detectAdsManagerPage, type AdsManagerPage } from '@/lib/ads-manager/page-detect';
import { frameBatch } from '@/lib/ads-manager/observe';
import { trackRows, type RowTrackerStatus, type TrackedRow } from '@/lib/ads-manager/rows';
import {
  ensureInlineShadowUi,
  mountShadowUi,
  removeInlineShadowUi,
} from '@/lib/ads-manager/shadow-ui';
import { queryKeys } from '@/lib/query/keys';
import { MAX_ROW_ENTITY_IDS, type RowFindings, type RowRollUp } from '@/lib/schema/row-findings';
import {
  createLookupCache,
  type LookupCache,
} from '@/entrypoints/ads-manager.content/lookup-cache';
import { pageQueryClient } from '@/entrypoints/ads-manager.content/page-query-client';
import { publishRecognition } from '@/entrypoints/ads-manager.content/recognition-status';
import { requestInsightPanel } from '@/entrypoints/ads-manager.content/panel-requests';
import {
  rowSparklines,
  type RowSparklines,
} from '@/entrypoints/ads-manager.content/row-sparklines';
import { watchAccountSyncs } from '@/entrypoints/ads-manager.content/sync-status';
import {
  readOverlaySettings,
  watchOverlaySettings,
  type OverlaySettings,
} from '@/lib/settings/overlay';
import css from './row-badges.css?inline';
import statusCss from './row-badges-status.css?inline';
import { pageLocale, pageT } from '@/entrypoints/ads-manager.content/page-language';
import { findingText } from '@/lib/util/finding-text';

/**
 * A badge on each visible table row whose entity has findings: severity colour, count, and the top
 * finding's sentence as tooltip and accessible description; a click (or Enter) opens the insight
 * panel on the row's entity. Rows without findings get nothing. Badges
 * follow the virtualized table (lib/ads-manager/rows.ts) and never move it. Rows are identified by their
 * `data-surface` id, or else by their visible name, which the background matches against the
 * cached entities. When rows cannot be found or identified, a status chip beside the panel says so.
 *
 * Test URLs: https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=<digits> (also
 * adsets, ads; the simulator's `no-data-surface` variant for names), with findings in the cache.
 */
const BADGE_TAG = 'adlens-badge';
/** On the badge's host: which entity it speaks for (tests and the page's own tools can see it). */
const ENTITY_ATTRIBUTE = 'data-adlens-entity';
/** A parent row's quiet badge: no findings of its own, some below it. */
const ROLLUP_TAG = 'adlens-rollup';
const STATUS_TAG = 'adlens-status';

/** A row's own findings, or a roll-up of those below it (ad sets and ads). */
type RowAnswer = RowFindings | RowRollUp;

function findingsLookup(page: AdsManagerPage): LookupCache<RowAnswer> {
  const scope = { accountId: page.accountId, level: page.level };
  return createLookupCache(pageQueryClient(), {
    queryKey: queryKeys.rowFindings(scope.accountId, scope.level),
    batchSize: MAX_ROW_ENTITY_IDS,
    async ask(entityIds) {
      const { findings, rollUps = [] } = await send('findings.forRows', {
        ...scope,
        entityIds: [...entityIds],
      });
      return new Map<string, RowAnswer>(
        [...rollUps, ...findings].map((answer) => [answer.entityId, answer]),
      );
    },
  });
}

/** The quiet badge of a parent row whose children have findings; opens the first of them. */
function RollUpBadge({ rollUp, page }: { rollUp: RowRollUp; page: AdsManagerPage }) {
  return (
    <button
      type="button"
      class="rollup"
      data-testid="adlens-rollup"
      title={pageT(
        page.level === 'campaign' ? 'rollUpTitleCampaign' : 'rollUpTitleAdset',
        rollUp.below,
      )}
      onClick={() => requestInsightPanel({ accountId: page.accountId, ...rollUp.first })}
    >
      {pageT('rollUpBelow', rollUp.below)}
    </button>
  );
}

/** Normalised visible name → entity id, for rows without `data-surface` ids. */
function namesLookup(page: AdsManagerPage): LookupCache<string> {
  const scope = { accountId: page.accountId, level: page.level };
  return createLookupCache(pageQueryClient(), {
    queryKey: queryKeys.rowNames(scope.accountId, scope.level),
    batchSize: MAX_ROW_ENTITY_IDS,
    async ask(names) {
      const { matches } = await send('rows.identifyByName', { ...scope, names: [...names] });
      return new Map(matches.flatMap(({ name, entityId }) => (entityId ? [[name, entityId]] : [])));
    },
  });
}

function paintRow(
  page: AdsManagerPage,
  row: TrackedRow,
  findings: LookupCache<RowAnswer>,
  painted: Map<Element, HTMLElement>,
  sparklines: RowSparklines | undefined,
) {
  const { anchor, entityId } = row;
  if (!anchor) return;
  const found = entityId === undefined ? undefined : findings.get(entityId);
  if (!found) {
    // Also clears a recycled row's badge that belonged to the entity it showed before.
    if (painted.delete(anchor)) {
      removeInlineShadowUi(anchor, BADGE_TAG);
      removeInlineShadowUi(anchor, ROLLUP_TAG);
    }
    return;
  }
  const rollUp = 'below' in found;
  removeInlineShadowUi(anchor, rollUp ? BADGE_TAG : ROLLUP_TAG);
  const { host, root } = ensureInlineShadowUi(anchor, rollUp ? ROLLUP_TAG : BADGE_TAG, css);
  host.setAttribute(ENTITY_ATTRIBUTE, found.entityId);
  if (host.style.display) host.style.removeProperty('display');
  painted.set(anchor, host);
  if (rollUp) return render(<RollUpBadge rollUp={found} page={page} />, root);
  const values = sparklines?.lookup.get(found.entityId);
  render(
    <Badge
      t={pageT}
      severity={found.severity}
      count={found.count}
      sentence={findingText(found.topSentence, pageT, pageLocale())}
      onOpen={() =>
        requestInsightPanel({
          accountId: page.accountId,
          level: page.level,
          entityId: found.entityId,
        })
      }
      {...(sparklines && values ? { trend: { values, label: sparklines.label } } : {})}
    />,
    root,
  );
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
    if (page) badgeRows(page, signal);
  },
};

/** Badges the table's rows for `page` until `signal` aborts. */
function badgeRows(page: AdsManagerPage, signal: AbortSignal): void {
  const findings = findingsLookup(page);
  const names = namesLookup(page);
  /** Name cell → the badge host in it. */
  const painted = new Map<Element, HTMLElement>();
  const showStatus = createStatusChip(signal);
  let status: RowTrackerStatus = 'searching';
  let rows: readonly TrackedRow[] = [];
  /** Set while the sparkline setting is on and the account is known. */
  let sparklines: RowSparklines | undefined;

  /** Names the background was asked about and could not match, on every row. */
  function noneIdentified(): boolean {
    return (
      rows.length > 0 &&
      rows.every(({ entityId, name }) => {
        const key = name === undefined ? undefined : normalizeName(name);
        return entityId === undefined && key !== undefined && names.get(key) === null;
      })
    );
  }

  /** The chip for what fails on the whole table; the corner panel for the counts and details. */
  function updateStatus(): void {
    const problem = status === 'no-table' || status === 'no-rows' ? status : undefined;
    showStatus(
      problem
        ? pageT('overlayNoRows')
        : noneIdentified()
          ? pageT('overlayRowsUnidentified')
          : undefined,
    );
    publishRecognition({
      problem,
      seen: rows.length,
      identified: rows.filter((row) => row.entityId !== undefined).length,
      badged: rows.filter((row) => {
        // A row's own badge; a roll-up says something about the rows below, not this one.
        const host = row.anchor && painted.get(row.anchor);
        return host && host.localName === BADGE_TAG && host.style.display !== 'none';
      }).length,
      noPlace: rows.filter((row) => !row.anchor).length,
      byName: rows.some((row) => row.byName),
    });
  }

  /** Rows whose badge host must be created or removed, and entities to ask about. */
  const waiting = new Set<Element>();
  const unknown = new Set<string>();
  /**
   * The costly part of badging, in the next frame rather than inside the page's own table update:
   * messages to the background, creating and removing badge hosts.
   */
  const scheduleFrame = frameBatch(() => {
    if (unknown.size > 0) {
      void findings.load([...unknown]).then(repaint);
      unknown.clear();
    }
    for (const row of rows) {
      if (waiting.has(row.element)) paintRow(page, row, findings, painted, sparklines);
    }
    waiting.clear();
    updateStatus();
  }, signal);

  /**
   * Runs inside the page's own table update. A badge already there is updated at once, or hidden
   * when its row no longer shows an entity with findings, so a recycled row never shows the entity
   * it showed before; creating and removing hosts waits for the next frame.
   */
  function paint(row: TrackedRow): void {
    const { anchor, entityId } = row;
    if (!anchor) return;
    const found = entityId !== undefined && findings.get(entityId);
    const host = painted.get(anchor);
    if (host && found) {
      waiting.delete(row.element);
      paintRow(page, row, findings, painted, sparklines);
      return;
    }
    if (!host && !found) {
      waiting.delete(row.element);
      return;
    }
    if (host) {
      host.style.display = 'none';
      host.removeAttribute(ENTITY_ATTRIBUTE);
    }
    waiting.add(row.element);
    scheduleFrame();
  }

  function repaint(entityIds: readonly string[]): void {
    if (signal.aborted || entityIds.length === 0) return;
    const answered = new Set(entityIds);
    for (const row of rows) {
      if (row.entityId !== undefined && answered.has(row.entityId)) paint(row);
    }
    updateStatus();
    loadSparklines(entityIds);
  }

  /** The sparklines of those of `entityIds` that have findings, when the setting is on. */
  function loadSparklines(entityIds: readonly string[]): void {
    const source = sparklines;
    const badged = entityIds.filter((entityId) => {
      const found = findings.get(entityId);
      return found && !('below' in found);
    });
    if (!source || badged.length === 0) return;
    void source.lookup.load(badged).then((answered) => {
      if (sparklines === source && answered.length > 0) repaint(answered);
    });
  }

  async function applySettings({ sparkline }: OverlaySettings): Promise<void> {
    const next = sparkline.enabled ? await rowSparklines(page, sparkline.metric) : undefined;
    if (signal.aborted) return;
    sparklines = next;
    for (const row of rows) if (row.anchor && painted.has(row.anchor)) paint(row);
    loadSparklines(rows.flatMap(({ entityId }) => (entityId === undefined ? [] : [entityId])));
  }

  /** A finished sync changed the findings: the rows on screen are asked about again. */
  function refreshFindings(): void {
    const onScreen = rows.flatMap(({ entityId }) => (entityId === undefined ? [] : [entityId]));
    void findings.refresh(onScreen).then((answered) => {
      if (signal.aborted || answered.length === 0) return;
      for (const row of rows) paint(row);
    });
  }

  function identifyNames(changed: readonly TrackedRow[]): void {
    const unasked = changed.flatMap(({ entityId, name }) => {
      const key = entityId === undefined && name ? normalizeName(name) : '';
      return key && names.get(key) === undefined ? [key] : [];
    });
    if (unasked.length === 0) return;
    void names.load(unasked).then((answered) => {
      if (signal.aborted || answered.length === 0) return;
      tracker.refresh();
      updateStatus();
    });
  }

  function onChange(changed: readonly TrackedRow[], all: readonly TrackedRow[]): void {
    rows = all;
    for (const row of changed) {
      paint(row);
      if (row.entityId !== undefined && findings.get(row.entityId) === undefined) {
        unknown.add(row.entityId);
        scheduleFrame();
      }
    }
    identifyNames(changed);
    updateStatus();
  }

  // Without the settings or the account, badges show without sparklines: nothing else changes.
  const withoutSparklines = () => undefined;
  void readOverlaySettings().then(applySettings).catch(withoutSparklines);
  watchOverlaySettings((settings) => void applySettings(settings).catch(withoutSparklines), signal);

  watchAccountSyncs(page.accountId, refreshFindings, signal);

  const tracker = trackRows({
    signal,
    onChange,
    onStatus(next) {
      status = next;
      updateStatus();
    },
    identifyByName: (name) => names.get(normalizeName(name)) ?? undefined,
  });

  signal.addEventListener(
    'abort',
    () => {
      for (const anchor of painted.keys()) {
        removeInlineShadowUi(anchor, BADGE_TAG);
        removeInlineShadowUi(anchor, ROLLUP_TAG);
      }
      painted.clear();
      publishRecognition(undefined);
    },
    { once: true },
  );
}
