import { useEffect, useState } from 'preact/hooks';
import {
  readOverlaySettings,
  SPARKLINE_METRIC_LABELS,
  SPARKLINE_METRICS,
  updateSparkline,
  type OverlaySettings,
} from '@/lib/settings/overlay';

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
      <h2 id="overlay-heading">In Ads Manager</h2>
      <p class="help">
        Rows with findings get a badge. Beside it, a small line can show how one metric went over
        the last 7 days of the page’s date range.
      </p>
      <label class="field">
        <input
          type="checkbox"
          data-testid="overlay-sparkline"
          checked={enabled}
          onChange={(event) => change({ enabled: event.currentTarget.checked })}
        />{' '}
        Show a 7-day sparkline beside each badge
      </label>
      <label class="field">
        Sparkline metric{' '}
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
              {SPARKLINE_METRIC_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
