/**
 * A small hand-built World for this page's tests (site.test.ts, table-data.test.ts) and dev
 * scripts. It has what the page must cope with: USD, EUR and JPY accounts, campaign and ad set
 * budgets, paused, deleted and archived entities, entities without delivery, hostile names, and
 * optionally the large account (200 campaigns, 1,000 ad sets, 5,000 ads).
 *
 * It stays beside the seeded world (`createWorld`, tests/sim/world) on purpose: those tests pin its
 * cast by hand (account ids and names, each campaign's exact name, two ad sets under the first
 * campaign, the accounts' first day, exactly 200/1,000/5,000 in the large account), which the
 * seeded world draws from its seed instead.
 */
import type {
  ConfiguredStatus,
  Currency,
  DailyStats,
  EffectiveStatus,
  HostileName,
  Level,
  RangeStats,
  SimAccount,
  SimEntity,
  World,
} from '../world/types';
import { fnv1a } from '../../support/hash';
import { addDays } from './dates';

export interface FakeWorldOptions {
  /** Include the large account (default true). */
  readonly large?: boolean;
  readonly today?: string;
}

export const FAKE_ACCOUNTS = {
  usd: '1000000000001',
  eur: '1000000000002',
  jpy: '1000000000003',
  large: '1000000000004',
} as const;

export const HOSTILE_NAMES = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  '"><svg onload=window.__pwned=3>',
  'Retargeting 🔁 — très long nom de campagne qui ne tient jamais dans la colonne du tableau des publicités',
] as const;

interface Spec {
  readonly name: string;
  readonly status: ConfiguredStatus;
  readonly budget?: 'daily' | 'lifetime';
  readonly silent?: boolean;
}

interface Plan {
  readonly entity: SimEntity;
  /** Delivers only on days in [from, to]; no delivery at all when undefined. */
  readonly from?: string;
  readonly to?: string;
  readonly scale: number;
  readonly currencyScale: number;
}

const SMALL_CAMPAIGNS: readonly Spec[] = [
  { name: 'Prospecting | US', status: 'ACTIVE', budget: 'daily' },
  { name: HOSTILE_NAMES[0], status: 'ACTIVE' },
  { name: HOSTILE_NAMES[3], status: 'PAUSED', budget: 'lifetime' },
  { name: HOSTILE_NAMES[1], status: 'ACTIVE', budget: 'daily' },
  { name: 'Old test (deleted)', status: 'DELETED', budget: 'daily' },
  { name: 'Q1 promo (archived)', status: 'ARCHIVED', budget: 'daily' },
  { name: 'Launch next month', status: 'ACTIVE', budget: 'daily', silent: true },
];

class FakeWorld implements World {
  readonly seed = 7;
  readonly accounts: SimAccount[] = [];
  readonly anomalies = [];
  readonly plantedChanges = [];
  readonly hostileNames: HostileName[] = [];
  private readonly byAccount = new Map<string, Record<Level, SimEntity[]>>();
  private readonly plans = new Map<string, Plan>();

  constructor(private readonly todayDate: string) {}

  account(accountId: string): SimAccount | undefined {
    return this.accounts.find((a) => a.accountId === accountId);
  }

  entities(accountId: string, level: Level): readonly SimEntity[] {
    return this.byAccount.get(accountId)?.[level] ?? [];
  }

  entity(id: string): SimEntity | undefined {
    return this.plans.get(id)?.entity;
  }

  today(): string {
    return this.todayDate;
  }

  historyStart(): string {
    return addDays(this.todayDate, -180);
  }

  daily(entityId: string, since: string, until: string): DailyStats[] {
    const plan = this.plans.get(entityId);
    if (!plan?.from || !plan.to) return [];
    const days: DailyStats[] = [];
    const start = since > plan.from ? since : plan.from;
    const end = until < plan.to ? until : plan.to;
    for (let date = start; date <= end; date = addDays(date, 1)) days.push(this.day(plan, date));
    return days;
  }

  totals(entityId: string, since: string, until: string): RangeStats | undefined {
    const days = this.daily(entityId, since, until);
    if (days.length === 0) return undefined;
    const sum = (pick: (d: DailyStats) => number): number => days.reduce((t, d) => t + pick(d), 0);
    const maxReach = Math.max(...days.map((d) => d.reach));
    return {
      dateStart: since,
      dateStop: until,
      spendMinor: sum((d) => d.spendMinor),
      impressions: sum((d) => d.impressions),
      reach: Math.max(maxReach, Math.round(sum((d) => d.reach) * 0.62)),
      clicks: sum((d) => d.clicks),
      inlineLinkClicks: sum((d) => d.inlineLinkClicks),
      purchases: sum((d) => d.purchases),
      purchaseValueMinor: sum((d) => d.purchaseValueMinor),
    };
  }

  private day(plan: Plan, date: string): DailyStats {
    const h = fnv1a(`${plan.entity.id}|${date}`);
    const impressions = Math.round((400 + (h % 4000)) * plan.scale);
    const cpmMinor = (800 + ((h >>> 8) % 900)) * plan.currencyScale;
    const clicks = Math.round(impressions * (0.006 + ((h >>> 4) % 20) / 1000));
    const purchases = Math.floor((clicks * ((h >>> 12) % 40)) / 1000);
    return {
      date,
      spendMinor: Math.round((impressions * cpmMinor) / 1000),
      impressions,
      reach: Math.round(impressions / (1.1 + ((h >>> 16) % 60) / 100)),
      clicks,
      inlineLinkClicks: Math.round(clicks * 0.7),
      purchases,
      purchaseValueMinor: purchases * (2500 + ((h >>> 20) % 6000)) * plan.currencyScale,
    };
  }

  addAccount(account: SimAccount): void {
    this.accounts.push(account);
    this.byAccount.set(account.accountId, { campaign: [], adset: [], ad: [] });
  }

  add(entity: SimEntity, plan: Omit<Plan, 'entity'>): void {
    this.byAccount.get(entity.accountId)?.[entity.level].push(entity);
    if (/[<>]/.test(entity.name))
      this.hostileNames.push({ entityId: entity.id, kind: 'html_injection' });
    this.plans.set(entity.id, { entity, ...plan });
  }
}

const CURRENCY_SCALE: Readonly<Record<Currency, number>> = { USD: 1, EUR: 1, JPY: 1.5 };
const LEVEL_SCALE: Readonly<Record<Level, number>> = { campaign: 10, adset: 3, ad: 1 };
const ID_PREFIX: Readonly<Record<Level, string>> = { campaign: '1202', adset: '1203', ad: '1204' };

function effectiveOf(
  status: ConfiguredStatus,
  parent: EffectiveStatus | undefined,
  level: Level,
): EffectiveStatus {
  if (status !== 'ACTIVE' || !parent || parent === 'ACTIVE') return status;
  if (parent === 'DELETED' || parent === 'ARCHIVED') return parent;
  if (parent === 'CAMPAIGN_PAUSED' || (level === 'adset' && parent === 'PAUSED'))
    return 'CAMPAIGN_PAUSED';
  return 'ADSET_PAUSED';
}

interface Builder {
  readonly world: FakeWorld;
  readonly account: SimAccount;
  readonly today: string;
  serial: number;
}

function addEntity(
  b: Builder,
  level: Level,
  spec: Spec,
  parent?: { entity: SimEntity; plan: Omit<Plan, 'entity' | 'scale'> },
): { entity: SimEntity; plan: Omit<Plan, 'entity' | 'scale'> } {
  b.serial += 1;
  const id = `${ID_PREFIX[level]}${b.account.accountId.slice(-1)}${String(b.serial).padStart(13, '0')}`;
  const h = fnv1a(id);
  const created = Date.parse(`${b.today}T12:00:00Z`) / 1000 - (20 + (h % 150)) * 86_400;
  const effectiveStatus = effectiveOf(spec.status, parent?.entity.effectiveStatus, level);
  const budgetMinor = (20 + (h % 80)) * 500 * (b.account.currency === 'JPY' ? 1.5 : 1);
  const entity: SimEntity = {
    level,
    id,
    accountId: b.account.accountId,
    name: spec.name,
    status: spec.status,
    effectiveStatus,
    ...(parent ? { campaignId: parent.entity.campaignId ?? parent.entity.id } : {}),
    ...(level === 'ad' && parent ? { adsetId: parent.entity.id } : {}),
    objective: 'OUTCOME_SALES',
    ...(spec.budget === 'daily' ? { dailyBudgetMinor: budgetMinor } : {}),
    ...(spec.budget === 'lifetime' ? { lifetimeBudgetMinor: budgetMinor * 30 } : {}),
    createdTime: created,
    updatedTime: created + 86_400,
    startTime: created,
  };
  const silent = spec.silent === true || (parent !== undefined && parent.plan.from === undefined);
  const stopped = effectiveStatus !== 'ACTIVE';
  const from = new Date(created * 1000).toISOString().slice(0, 10);
  const plan = silent
    ? { currencyScale: CURRENCY_SCALE[b.account.currency] }
    : {
        from: parent?.plan.from && parent.plan.from > from ? parent.plan.from : from,
        to: stopped ? addDays(b.today, -14 - (h % 20)) : b.today,
        currencyScale: CURRENCY_SCALE[b.account.currency],
      };
  b.world.add(entity, { ...plan, scale: LEVEL_SCALE[level] });
  return { entity, plan };
}

/** Ad sets get budgets when their campaign has none (ad set budgets vs. campaign budget). */
function addTree(
  b: Builder,
  campaign: Spec,
  adsets: number,
  ads: number,
  label: (i: number) => string,
): void {
  const c = addEntity(b, 'campaign', campaign);
  for (let i = 0; i < adsets; i++) {
    const status: ConfiguredStatus = i === adsets - 1 && adsets > 2 ? 'PAUSED' : 'ACTIVE';
    const budget = campaign.budget ? undefined : 'daily';
    const s = addEntity(
      b,
      'adset',
      { name: `${label(i)} · ad set ${i + 1}`, status, ...(budget ? { budget } : {}) },
      c,
    );
    for (let j = 0; j < ads; j++) {
      const adStatus: ConfiguredStatus = j === 2 ? 'PAUSED' : 'ACTIVE';
      addEntity(b, 'ad', { name: `${label(i)} · ad ${i + 1}.${j + 1}`, status: adStatus }, s);
    }
  }
}

function smallAccount(
  world: FakeWorld,
  today: string,
  account: SimAccount,
  specs: readonly Spec[],
): void {
  world.addAccount(account);
  const b: Builder = { world, account, today, serial: 0 };
  specs.forEach((spec, i) => addTree(b, spec, 2, 2, () => `${spec.name.slice(0, 24)} #${i + 1}`));
}

function largeAccount(world: FakeWorld, today: string): void {
  const account = accountOf(FAKE_ACCOUNTS.large, 'Northwind Retail — Global (large)', 'USD');
  world.addAccount(account);
  const b: Builder = { world, account, today, serial: 0 };
  for (let i = 0; i < 200; i++) {
    const n = String(i + 1).padStart(3, '0');
    const status: ConfiguredStatus =
      i % 37 === 36 ? 'DELETED' : i % 53 === 52 ? 'ARCHIVED' : i % 10 === 9 ? 'PAUSED' : 'ACTIVE';
    const name =
      i % 50 === 7
        ? `${HOSTILE_NAMES[i % 3] ?? ''} ${n}`
        : `NW ${n} | ${['Prospecting', 'Retargeting', 'Catalog', 'Brand'][i % 4] ?? ''}`;
    addTree(
      b,
      {
        name,
        status,
        ...(i % 2 === 0 ? { budget: 'daily' as const } : {}),
        ...(i % 41 === 40 ? { silent: true } : {}),
      },
      5,
      5,
      (k) => `NW ${n}.${k + 1}`,
    );
  }
}

function accountOf(accountId: string, name: string, currency: Currency): SimAccount {
  const tz: Readonly<Record<Currency, [string, number]>> = {
    USD: ['America/Los_Angeles', -8],
    EUR: ['Europe/Paris', 1],
    JPY: ['Asia/Tokyo', 9],
  };
  const [timezoneName, timezoneOffsetHoursUtc] = tz[currency];
  return {
    accountId,
    name,
    currency,
    timezoneName,
    timezoneOffsetHoursUtc,
    accountStatus: 1,
    businessId: `20000000000000${accountId.slice(-1)}`,
    businessName: `${name} business`,
  };
}

export function createFakeWorld(options: FakeWorldOptions = {}): World {
  const today = options.today ?? '2026-11-22';
  const world = new FakeWorld(today);
  smallAccount(
    world,
    today,
    accountOf(FAKE_ACCOUNTS.usd, 'Acme Outdoor (US)', 'USD'),
    SMALL_CAMPAIGNS,
  );
  smallAccount(
    world,
    today,
    accountOf(FAKE_ACCOUNTS.eur, 'Brasserie Européenne', 'EUR'),
    SMALL_CAMPAIGNS.slice(0, 4),
  );
  smallAccount(
    world,
    today,
    accountOf(FAKE_ACCOUNTS.jpy, '東京ストア <b>JP</b>', 'JPY'),
    SMALL_CAMPAIGNS.slice(0, 4),
  );
  if (options.large ?? true) largeAccount(world, today);
  return world;
}
