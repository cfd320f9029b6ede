import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FindingKind } from '@/lib/anomaly';
import { getAccount } from '@/lib/cache/accounts';
import { readAccountFindings, type StoredFinding } from '@/lib/cache/findings';
import { wipeCache } from '@/lib/cache/wipe';
import { detectAccount } from '@/lib/sync/refresh-findings';
import { syncAccount } from '@/lib/sync/runner';
import { DEFAULT_START_MS, type SimulatedMeta } from '../../sim';
import { currentAnomalies, FINDING_KIND } from '../../sim/world/planted';
import { connectCache, createSimulatedMeta, simAccount, simSyncDeps } from './sim-graph';

/**
 * The data engine end to end in Node: a sync of a simulated account runs the anomaly engine over
 * what it cached, and the planted anomalies (tests/sim/world) are stored as findings.
 */
const meta: SimulatedMeta = createSimulatedMeta();
/** A whole sync in fake-indexeddb, next to other engineers' test runs on two cores. */
const SYNC_TIMEOUT_MS = 120_000;

beforeEach(async () => {
  meta.clock.set(DEFAULT_START_MS);
  await wipeCache();
  await connectCache(meta);
});

const plantedIn = (digits: string) => currentAnomalies(meta.world, digits);

function findingOn(findings: readonly StoredFinding[], entityId: string, kind: FindingKind) {
  return findings.find((finding) => finding.entityId === entityId && finding.kind === kind);
}

describe.each(['EUR', 'JPY'] as const)('after the first sync of the %s account', (currency) => {
  it(
    'stores a finding for every planted anomaly, on its entity and of its kind',
    async () => {
      const digits = simAccount(meta, currency).accountId;
      const { state } = await syncAccount(simSyncDeps(meta), `act_${digits}`);
      expect(state.lastError).toBeNull();
      const findings = await readAccountFindings(`act_${digits}`);
      expect(state.lastRun?.detection?.findings).toBe(
        findings.filter((finding) => finding.parentId === null).length,
      );
      const planted = plantedIn(digits);
      expect(planted.length).toBeGreaterThan(0);
      for (const anomaly of planted) {
        const found = findingOn(findings, anomaly.entityId, FINDING_KIND[anomaly.kind]);
        expect(found, `${anomaly.kind} on ${anomaly.level} ${anomaly.entityId}`).toBeDefined();
      }
    },
    SYNC_TIMEOUT_MS,
  );
});

it(
  'keeps a finding’s id and start across syncs, and drops findings the data no longer shows',
  async () => {
    const digits = simAccount(meta, 'EUR').accountId;
    const accountId = `act_${digits}` as const;
    await syncAccount(simSyncDeps(meta), accountId);
    const first = await readAccountFindings(accountId);
    meta.clock.advance(3 * 3_600_000);
    await syncAccount(simSyncDeps(meta), accountId);
    const second = await readAccountFindings(accountId);
    for (const anomaly of plantedIn(digits)) {
      const kind = FINDING_KIND[anomaly.kind];
      const before = findingOn(first, anomaly.entityId, kind);
      expect(findingOn(second, anomaly.entityId, kind)?.findingId).toBe(before?.findingId);
    }
    // Replaced, not added to: each finding is stored once.
    const ids = second.map((finding) => `${finding.parentId}>${finding.findingId}`);
    expect(new Set(ids).size).toBe(ids.length);
  },
  SYNC_TIMEOUT_MS,
);

it(
  'detects one account at a time: a second account waits until the first has stored its findings',
  async () => {
    const ids = (['EUR', 'JPY'] as const).map((currency) => {
      const digits = simAccount(meta, currency).accountId;
      return { accountId: `act_${digits}` as const, today: meta.world.today(digits) };
    });
    for (const { accountId } of ids) await syncAccount(simSyncDeps(meta), accountId);
    const [first, second] = await Promise.all(ids.map(({ accountId }) => getAccount(accountId)));
    let release = () => {};
    const firstMayWrite = new Promise<void>((resolve) => (release = resolve));
    let firstWaiting = false;
    let secondBegan = false;
    const detectingFirst = detectAccount(first!, ids[0]!.today, {
      now: () => Date.now(),
      beforeWrite: () => {
        firstWaiting = true;
        return firstMayWrite;
      },
    });
    const detectingSecond = detectAccount(second!, ids[1]!.today, {
      now: () => {
        secondBegan = true;
        return Date.now();
      },
      beforeWrite: () => Promise.resolve(),
    });
    await vi.waitFor(() => expect(firstWaiting).toBe(true), { timeout: SYNC_TIMEOUT_MS });
    expect(secondBegan, 'the second account began while the first was still detecting').toBe(false);
    release();
    const [one, two] = await Promise.all([detectingFirst, detectingSecond]);
    expect(secondBegan).toBe(true);
    expect(one.findings).toBeGreaterThan(0);
    expect(two.findings).toBeGreaterThan(0);
  },
  SYNC_TIMEOUT_MS,
);
