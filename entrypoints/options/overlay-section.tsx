import { useEffect, useState } from 'preact/hooks';
import {
  readOverlaySettings,
  SPARKLINE_METRICS,
  updateSparkline,
  type OverlaySettings,
} from '@/lib/settings/overlay';
import { keyFor, t } from '@/lib/util/i18n';

/**
 * The options page's "In Ads Manager" section: whether badges carry a 7-day sparkline, and of
 * which metric. Open Ads Manager tabs follow the change without a reload.
 */
export function OverlaySection() {
  const [settings, setSettings] = useState<OverlaySettings | null>(null);
  useEffect(() => {
    void readOverlaySettings().then(setSettings);
  }, []);
  if (!settings) return null;

  function change(sparkline: Partial<OverlaySettings['sparkline']>) {
    void updateSparkline(sparkline).then(setSettings);
  }

  const { enabled, metric } = settings.sparkline;
  return (
    <section class="card" aria-labelledby="overlay-heading">
      <h2 id="overlay-heading">{t('overlayHeading')}</h2>
      <p class="help">{t('overlayHelp')}</p>
      <label class="field">
        <input
          type="checkbox"
          data-testid="overlay-sparkline"
          checked={enabled}
          onChange={(event) => change({ enabled: event.currentTarget.checked })}
        />{' '}
        {t('overlaySparklineToggle')}
      </label>
      <label class="field">
        {t('overlaySparklineMetric')}{' '}
        <select
          data-testid="overlay-sparkline-metric"
          value={metric}
          disabled={!enabled}
          onChange={(event) => {
            const chosen = SPARKLINE_METRICS.find((name) => name === event.currentTarget.value);
            if (chosen) change({ metric: chosen });
          }}
        >
          {SPARKLINE_METRICS.map((name) => (
            <option key={name} value={name}>
              {t(keyFor('sparkline', name))}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
