import { describe, expect, it, vi } from 'vitest';
import { createFeatureRunner, type Feature } from '@/lib/ads-manager/feature-runner';

const url = new URL('https://adsmanager.facebook.com/adsmanager/manage/campaigns?act=1');

function feature(overrides: Partial<Feature> = {}): Feature & { init: ReturnType<typeof vi.fn> } {
  return { id: 'test-feature', include: () => true, init: vi.fn(), ...overrides } as never;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('feature runner', () => {
  it('starts only the features that include the URL, with the URL', () => {
    const included = feature();
    const excluded = feature({ id: 'excluded', include: () => false });
    createFeatureRunner([included, excluded]).run(url);
    expect(included.init).toHaveBeenCalledWith(expect.any(AbortSignal), url);
    expect(excluded.init).not.toHaveBeenCalled();
  });

  it('isolates failures: sync throws, rejections and throwing include()', async () => {
    const report = vi.fn();
    const healthy = feature({ id: 'healthy' });
    createFeatureRunner(
      [
        feature({
          id: 'throws',
          init: () => {
            throw new Error('boom');
          },
        }),
        feature({ id: 'rejects', init: () => Promise.reject(new Error('later')) }),
        feature({
          id: 'bad-include',
          include: () => {
            throw new Error('include');
          },
        }),
        healthy,
      ],
      report,
    ).run(url);
    await flush();
    expect(healthy.init).toHaveBeenCalledOnce();
    expect(report.mock.calls.map(([id]) => id as string).sort()).toEqual([
      'bad-include',
      'rejects',
      'throws',
    ]);
  });

  it('aborts the previous run on navigation and on stop', () => {
    const panel = feature();
    const runner = createFeatureRunner([panel]);
    runner.run(url);
    const first = panel.init.mock.calls[0]![0] as AbortSignal;
    runner.run(new URL(`${url.href}&date=2026-01-01_2026-01-02`));
    const second = panel.init.mock.calls[1]![0] as AbortSignal;
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    runner.stop();
    expect(second.aborted).toBe(true);
  });
});
