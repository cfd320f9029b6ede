import { describe, expect, it } from 'vitest';
import { itemHeaders, readUsage } from '@/lib/graph/usage';

const lookup = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;

describe('usage headers', () => {
  it('takes the highest utilisation and Meta’s recovery times', () => {
    const usage = readUsage(
      lookup({
        'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 30, total_time: 20 }),
        'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 9.67, reset_time_duration: 100 }),
        'x-business-use-case-usage': JSON.stringify({
          '123': [
            {
              type: 'ads_insights',
              call_count: 81,
              total_cputime: 2,
              total_time: 3,
              estimated_time_to_regain_access: 0,
            },
            {
              type: 'ads_management',
              call_count: 5,
              total_cputime: 1,
              total_time: 1,
              estimated_time_to_regain_access: 4,
            },
          ],
        }),
        'x-fb-ads-insights-throttle': JSON.stringify({ app_id_util_pct: 1, acc_id_util_pct: 2 }),
      }),
    );
    expect(usage).toEqual({ percent: 81, regainMs: 4 * 60_000, resetMs: 100_000 });
  });

  it('reads the insights throttle header alone', () => {
    const usage = readUsage(
      lookup({ 'x-fb-ads-insights-throttle': '{"app_id_util_pct":0,"acc_id_util_pct":96.5}' }),
    );
    expect(usage?.percent).toBe(96.5);
  });

  it('ignores malformed headers and answers undefined without any', () => {
    expect(readUsage(lookup({}))).toBeUndefined();
    expect(readUsage(lookup({ 'x-app-usage': 'not json' }))).toBeUndefined();
    expect(readUsage(lookup({ 'x-app-usage': '{"call_count":"lots"}' }))?.percent).toBe(0);
  });

  it('reads batch item headers by name, whatever their case', () => {
    const header = itemHeaders([{ name: 'X-App-Usage', value: '{"call_count":50}' }]);
    expect(readUsage(header)?.percent).toBe(50);
  });
});
