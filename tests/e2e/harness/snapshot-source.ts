import type { SnapshotSource, SourceKpi } from '@/lib/share/create';
import type { DailyStats, RangeStats, SimAccount, SimEntity, World } from '../../sim/world/types';

/**
 * A snapshot source built from the simulated world: what the insight panel will hand over for a
 * campaign (with a planted spend spike on one of its ad sets), with real names, ids and amounts,
 * and the list of everything redaction must keep out of a shared copy.
 */
const DAYS = 28;

export function campaignSource(
  world: World,
  account: SimAccount,
): { source: SnapshotSource; secrets: string[] } {
  const spike = world.anomalies.find(
    (anomaly) =>
      anomaly.accountId === account.accountId &&
      anomaly.kind === 'spend_spike' &&
      anomaly.level === 'adset',
  );
  const adset = world.entity(spike!.entityId)!;
  const campaign = world.entity(adset.campaignId!)!;
  const adsets = world
    .entities(account.accountId, 'adset')
    .filter((entity) => entity.campaignId === campaign.id);
  const ads = world
    .entities(account.accountId, 'ad')
    .filter((entity) => entity.campaignId === campaign.id);
  const until = addDays(spike!.startDate, 1);
  const range = { since: addDays(until, 1 - DAYS), until };
  const previous = { since: addDays(range.since, -DAYS), until: addDays(range.since, -1) };
  const current = world.totals(campaign.id, range.since, range.until);
  const before = world.totals(campaign.id, previous.since, previous.until);
  const daily = byDay(world.daily(campaign.id, range.since, range.until), range);
  const spikeSpend = world.daily(adset.id, spike!.startDate, spike!.startDate)[0]!.spendMinor;
  const dollars = (minor: number) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(minor / 100);
  const source: SnapshotSource = {
    account: { id: `act_${account.accountId}`, name: account.name, currency: account.currency },
    range,
    subjectId: campaign.id,
    entities: [campaign, ...adsets, ...ads].map((entity) => ({
      id: entity.id,
      level: entity.level,
      name: entity.name,
      parentId: parentOf(entity),
    })),
    kpis: kpisOf(current, before),
    series: [
      { metric: 'spend', values: daily.map((day) => day?.spendMinor ?? 0) },
      { metric: 'impressions', values: daily.map((day) => day?.impressions ?? 0) },
      { metric: 'conversions', values: daily.map((day) => day?.purchases ?? 0) },
    ],
    findings: [
      {
        kind: 'spend_spike',
        severity: 'critical',
        entityId: adset.id,
        sentence: `${adset.name} spent ${dollars(spikeSpend)} on ${spike!.startDate} in ${campaign.name}.`,
        nextStep: `Check the budget of ad set ${adset.id} in ${account.name}.`,
      },
    ],
  };
  const secrets = [
    account.accountId,
    account.name,
    account.businessId,
    account.businessName,
    ...[campaign, ...adsets, ...ads].flatMap((entity) => [entity.id, entity.name]),
    dollars(spikeSpend),
  ];
  return { source, secrets };
}

function parentOf(entity: SimEntity): string | null {
  if (entity.level === 'ad') return entity.adsetId!;
  if (entity.level === 'adset') return entity.campaignId!;
  return null;
}

function kpisOf(current: RangeStats | undefined, before: RangeStats | undefined): SourceKpi[] {
  const ratio = (a: number | undefined, b: number | undefined, scale = 1) =>
    a === undefined || !b ? null : (a / b) * scale;
  const pick = (stats: RangeStats | undefined) => ({
    spend: stats?.spendMinor ?? 0,
    impressions: stats?.impressions ?? 0,
    clicks: stats?.clicks ?? 0,
    ctr: ratio(stats?.clicks, stats?.impressions),
    cpm: ratio(stats?.spendMinor, stats?.impressions, 1000),
    conversions: stats?.purchases ?? 0,
    cpa: ratio(stats?.spendMinor, stats?.purchases),
    roas: ratio(stats?.purchaseValueMinor, stats?.spendMinor),
  });
  const [now, then] = [pick(current), pick(before)];
  return (Object.keys(now) as (keyof typeof now)[]).map((metric) => ({
    metric,
    current: now[metric],
    previous: then[metric],
  }));
}

function byDay(rows: DailyStats[], range: { since: string; until: string }) {
  const days: (DailyStats | undefined)[] = [];
  for (let day = range.since; day <= range.until; day = addDays(day, 1)) {
    days.push(rows.find((row) => row.date === day));
  }
  return days;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
