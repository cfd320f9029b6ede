import { describe, expect, it } from 'vitest';
import { createSimulatedMeta } from '../index';
import { ORIGIN } from '../graph/harness';
import { bucQuota } from '../graph/usage';
import { AGENCY_BUSINESS, agencyAccountSpecs, PARTNER_BUSINESS } from './agency';

describe('the agency world', () => {
  it('has 50 accounts of 50 to 5,000 ads, a partner business, three currencies, eight zones', () => {
    const specs = agencyAccountSpecs();
    expect(specs).toHaveLength(50);
    const ads = specs.map((spec) => spec.ads);
    expect(Math.min(...ads)).toBe(50);
    expect(Math.max(...ads)).toBe(5000);
    const total = ads.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(50_000);
    expect(specs.filter((spec) => spec.businessName === PARTNER_BUSINESS)).toHaveLength(4);
    expect(specs.filter((spec) => spec.businessName === AGENCY_BUSINESS)).toHaveLength(46);
    expect(new Set(specs.map((spec) => spec.currency))).toEqual(new Set(['USD', 'EUR', 'JPY']));
    expect(new Set(specs.map((spec) => spec.timezoneName)).size).toBe(8);
  });

  // A small agency keeps the test quick; the specs scale the same way at 50.
  const meta = createSimulatedMeta({
    agency: { accounts: 5, partnerAccounts: 1, largestAds: 500 },
  });
  const call = (path: string) =>
    Promise.resolve(
      meta.graph({
        method: 'GET',
        url: new URL(path, ORIGIN),
        headers: { authorization: `Bearer ${meta.control.demoToken}` },
        body: '',
      }),
    );

  it('serves every account, the partner-owned ones under their own business', async () => {
    const reply = await call('/v26.0/me/adaccounts?fields=account_id,business{id,name}&limit=100');
    const page = JSON.parse(String(reply.body)) as {
      data: { account_id: string; business: { name: string } }[];
    };
    expect(page.data).toHaveLength(5);
    expect(page.data.filter((row) => row.business.name === PARTNER_BUSINESS)).toHaveLength(1);
  });

  it('limits each account by its own quota, from its active ads, and says so in the headers', async () => {
    const [small, large] = [meta.world.accounts[0]!, meta.world.accounts[4]!];
    expect(meta.world.entities(large.accountId, 'ad')).toHaveLength(500);
    const active = (accountId: string) =>
      meta.world.entities(accountId, 'ad').filter((ad) => ad.effectiveStatus === 'ACTIVE').length;
    const { usage } = meta.control;
    expect(usage.quota(small.accountId, 'ads_insights')).toBe(
      bucQuota('standard_access', 'ads_insights', active(small.accountId)),
    );
    expect(usage.quota(large.accountId, 'ads_insights')).toBeGreaterThan(
      usage.quota(small.accountId, 'ads_insights'),
    );
    usage.setPercent(small.accountId, 100, 'ads_insights');
    const throttled = await call(`/v26.0/act_${small.accountId}/insights`);
    expect(throttled.status).toBe(400);
    expect(String(throttled.body)).toContain('80000');
    const other = await call(`/v26.0/act_${large.accountId}/insights`);
    expect(other.status).toBe(200);
    const buc = JSON.parse(other.headers?.['x-business-use-case-usage'] ?? '{}') as Record<
      string,
      { type: string; call_count: number }[]
    >;
    expect(Object.keys(buc)).toEqual([large.businessId]);
    usage.reset();
  });

  it('takes hundreds of milliseconds per insights answer when asked to, objects at once', async () => {
    const accountId = meta.world.accounts[1]!.accountId;
    meta.control.settings.insightsAnswerMs = 300;
    const insights = await call(`/v26.0/act_${accountId}/insights`);
    const objects = await call(`/v26.0/act_${accountId}/campaigns`);
    meta.control.settings.insightsAnswerMs = 0;
    const instant = await call(`/v26.0/act_${accountId}/insights`);
    expect(insights.delayMs).toBeGreaterThanOrEqual(180);
    expect(insights.delayMs).toBeLessThanOrEqual(420);
    expect(objects.delayMs).toBeUndefined();
    expect(instant.delayMs).toBeUndefined();
  });
});
