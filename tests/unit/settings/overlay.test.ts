import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_OVERLAY_SETTINGS,
  checkOverlaySettings,
  readOverlaySettings,
  updateSparkline,
  watchOverlaySettings,
  type OverlaySettings,
} from '@/lib/settings/overlay';

afterEach(() => {
  fakeBrowser.reset();
});

describe('overlay settings', () => {
  it('have the sparkline off by default', async () => {
    expect(await readOverlaySettings()).toEqual({ sparkline: { enabled: false, metric: 'spend' } });
  });

  it('keep one change on top of the other', async () => {
    await updateSparkline({ enabled: true });
    await updateSparkline({ metric: 'purchaseRoas' });
    expect(await readOverlaySettings()).toEqual({
      sparkline: { enabled: true, metric: 'purchaseRoas' },
    });
  });

  it('read a stored value that does not parse as the defaults, and say so', async () => {
    await fakeBrowser.storage.local.set({
      overlaySettings: { sparkline: { enabled: 'yes', metric: 'spend' } },
    });
    expect(await checkOverlaySettings()).toEqual({
      value: DEFAULT_OVERLAY_SETTINGS,
      corrupt: true,
    });
  });

  it('refuse a metric Adlens does not offer, storing nothing', async () => {
    await expect(updateSparkline({ metric: 'reach' as 'spend' })).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('overlaySettings')).toEqual({});
  });

  it('tell a watcher each valid change until its signal aborts', async () => {
    const seen: OverlaySettings[] = [];
    const controller = new AbortController();
    watchOverlaySettings((settings) => seen.push(settings), controller.signal);
    await updateSparkline({ enabled: true });
    await fakeBrowser.storage.local.set({ overlaySettings: { sparkline: 'garbage' } });
    controller.abort();
    await updateSparkline({ metric: 'clicks' });
    expect(seen).toEqual([
      { sparkline: { enabled: true, metric: 'spend' } },
      DEFAULT_OVERLAY_SETTINGS,
    ]);
  });
});
