// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OverlaySection } from '@/entrypoints/options/overlay-section';
import { readOverlaySettings } from '@/lib/settings/overlay';
import { useEnglishCatalogue } from '@/tests/unit/components/catalogue';

let container: HTMLElement;

beforeEach(useEnglishCatalogue);

afterEach(() => {
  render(null, container);
  container.remove();
  fakeBrowser.reset();
});

async function show() {
  container = document.createElement('div');
  document.body.append(container);
  await act(() => render(<OverlaySection />, container));
  await vi.waitFor(() => expect(container.querySelector('section')).not.toBeNull());
  return {
    toggle: container.querySelector<HTMLInputElement>('[data-testid="overlay-sparkline"]')!,
    metric: container.querySelector<HTMLSelectElement>('[data-testid="overlay-sparkline-metric"]')!,
  };
}

describe('OverlaySection', () => {
  it('shows the sparkline off, its metric choice disabled until it is on', async () => {
    const { toggle, metric } = await show();
    expect(toggle.checked).toBe(false);
    expect(metric.disabled).toBe(true);
    expect(metric.value).toBe('spend');
    expect(container.querySelector('h2')?.textContent).toBe('In Ads Manager');
    expect(toggle.parentElement?.textContent).toBe(' Show a 7-day sparkline beside each badge');
  });

  it('stores the sparkline and its metric as they are chosen', async () => {
    const { toggle, metric } = await show();
    await act(() => {
      toggle.click();
    });
    await vi.waitFor(async () =>
      expect((await readOverlaySettings()).sparkline.enabled).toBe(true),
    );
    await vi.waitFor(() => expect(metric.disabled).toBe(false));
    await act(() => {
      metric.value = 'purchaseRoas';
      metric.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(async () =>
      expect(await readOverlaySettings()).toEqual({
        sparkline: { enabled: true, metric: 'purchaseRoas' },
      }),
    );
  });
});
