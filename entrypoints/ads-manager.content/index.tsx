import { defineContentScript } from '#imports';
import { ADS_MANAGER_MATCHES } from '@/lib/config/hosts';
import { createFeatureRunner } from '@/lib/ads-manager/feature-runner';
import { features } from './features';
import { loadPageLanguage } from './page-language';

export default defineContentScript({
  matches: [...ADS_MANAGER_MATCHES],
  async main(ctx) {
    // The overlay's first words are already in the page's language.
    await loadPageLanguage();
    const runner = createFeatureRunner(features);
    runner.run(new URL(location.href));
    // Ads Manager is a single-page app: each client-side navigation re-runs the features.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => runner.run(newUrl));
    ctx.onInvalidated(() => runner.stop());
  },
});
