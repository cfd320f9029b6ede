import * as z from 'zod/mini';
import { browser } from '#imports';
import { INSIGHT_METRICS } from '@/lib/schema/insights';
import { validateSetting, type SettingRead } from './read';

/**
 * How the overlay looks in Ads Manager: whether a badge carries a 7-day sparkline of one metric
 * (off by default: it costs one more question to the background per screenful of badged rows).
 * Not secret, so in `storage.local`, where the content script reads it; validated on every read.
 * Read and written with `browser.storage` itself rather than a WXT storage item: the content script
 * reads it, and WXT's storage module would add 4 KB gzipped to a script whose size is budgeted
 * (40 KB). A change of shape will add a `version` field and a migration here.
 */
export const SPARKLINE_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'purchases',
  'purchaseValue',
  'costPerPurchase',
  'purchaseRoas',
] as const satisfies readonly (typeof INSIGHT_METRICS)[number][];
export type SparklineMetric = (typeof SPARKLINE_METRICS)[number];

export const OverlaySettingsSchema = z.strictObject({
  sparkline: z.strictObject({
    enabled: z.boolean(),
    metric: z.enum(SPARKLINE_METRICS),
  }),
});
export type OverlaySettings = z.infer<typeof OverlaySettingsSchema>;

export const DEFAULT_OVERLAY_SETTINGS: OverlaySettings = {
  sparkline: { enabled: false, metric: 'spend' },
};

const KEY = 'overlaySettings';

/** The stored settings, or the defaults when the stored value does not parse, and which it was. */
export async function checkOverlaySettings(): Promise<SettingRead<OverlaySettings>> {
  const stored: Record<string, unknown> = await browser.storage.local.get(KEY);
  return validateSetting(
    stored[KEY] ?? DEFAULT_OVERLAY_SETTINGS,
    OverlaySettingsSchema,
    DEFAULT_OVERLAY_SETTINGS,
  );
}

/** The stored settings, or the defaults when they are missing or do not parse. */
export async function readOverlaySettings(): Promise<OverlaySettings> {
  return (await checkOverlaySettings()).value;
}

/** Saves a change of the sparkline on top of what is stored now. */
export async function updateSparkline(
  change: Partial<OverlaySettings['sparkline']>,
): Promise<OverlaySettings> {
  const current = await readOverlaySettings();
  const next = OverlaySettingsSchema.parse({ sparkline: { ...current.sparkline, ...change } });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/**
 * Calls `listener` with the valid settings whenever they change (another tab's options page),
 * until `signal` aborts; an invalid or removed value reads as the defaults.
 */
export function watchOverlaySettings(
  listener: (settings: OverlaySettings) => void,
  signal: AbortSignal,
): void {
  if (signal.aborted) return;
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[KEY];
    if (area !== 'local' || !change) return;
    listener(
      validateSetting(
        change.newValue ?? DEFAULT_OVERLAY_SETTINGS,
        OverlaySettingsSchema,
        DEFAULT_OVERLAY_SETTINGS,
      ).value,
    );
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.storage.onChanged.removeListener(onChanged);
      } catch {
        // The extension was updated or removed under the page: its listeners went with it.
      }
    },
    { once: true },
  );
}
