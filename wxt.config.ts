import { defineConfig } from 'wxt';
import { MANIFEST_PUBLIC_KEY } from './lib/config/extension-identity';
import { ADS_MANAGER_MATCHES, GRAPH_HOST_PERMISSION } from './lib/config/hosts';
import { EXTENSION_PAGES_CSP } from './lib/config/csp';

// `ADLENS_STORE=1 wxt zip` packages for the Chrome Web Store and AMO: same code, but no `key`
// (the store rejects it) and its own output folder so the tested build is never overwritten.
const forStore = process.env.ADLENS_STORE === '1';

export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  outDirTemplate: `{{browser}}-mv{{manifestVersion}}${forStore ? '-store' : ''}`,
  zip: {
    excludeSources: ['tests/**', 'scripts/**', '.ci/**', 'demo-output/**'],
  },
  manifest: ({ browser }) => ({
    // From public/_locales (English first), like every string of the options page and popup.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(forStore ? {} : { key: MANIFEST_PUBLIC_KEY }),
    minimum_chrome_version: '120',
    // `identity`: Facebook Login through launchWebAuthFlow (PERMISSIONS.md), in Chrome and Firefox.
    permissions: ['storage', 'identity', 'alarms'],
    host_permissions: [GRAPH_HOST_PERMISSION],
    externally_connectable: { ids: [] },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'adlens@adlens.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      // Content-script matches come from one list (lib/config/hosts) so the manifest audit and the
      // page detector can never disagree with what the browser injects into.
      for (const script of manifest.content_scripts ?? [])
        script.matches = [...ADS_MANAGER_MATCHES];
    },
  },
});
