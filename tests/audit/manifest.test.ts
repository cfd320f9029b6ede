import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Audits the production build, the exact files a user installs. Any new permission, host, match or
 * CSP change fails here first, so it cannot ship without a reviewed change to PERMISSIONS.md.
 */
const OUTPUT = path.resolve(import.meta.dirname, '../../.output');

function readManifest(dir: string): Record<string, unknown> {
  const file = path.join(OUTPUT, dir, 'manifest.json');
  if (!existsSync(file))
    throw new Error(`${file} is missing: run npm run build (and npm run zip) first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function bundleFiles(dir: string): string[] {
  const root = path.join(OUTPUT, dir);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(js|html|css|json)$/.test(file))
    .map((file) => path.join(root, file));
}

const ADS_MANAGER_MATCHES = [
  'https://adsmanager.facebook.com/*',
  'https://business.facebook.com/adsmanager/*',
  'https://www.facebook.com/adsmanager/*',
];
const CSP =
  "default-src 'self'; connect-src https://graph.facebook.com; img-src 'self' data:; object-src 'none'; base-uri 'none'";

describe('Chrome MV3 manifest', () => {
  const manifest = readManifest('chrome-mv3');

  it('asks for storage, identity and alarms only, and reaches only graph.facebook.com', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['storage', 'identity', 'alarms']);
    expect(manifest.host_permissions).toEqual(['https://graph.facebook.com/*']);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toBeUndefined();
  });

  it('injects only into Ads Manager', () => {
    const scripts = manifest.content_scripts as { matches: string[] }[];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.matches).toEqual(ADS_MANAGER_MATCHES);
  });

  it('pins a tight CSP, exposes no resources to pages and accepts no other extension', () => {
    expect(manifest.content_security_policy).toEqual({ extension_pages: CSP });
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toEqual({ ids: [] });
  });

  it('is localized: English by default, its name and description from the catalogue', () => {
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    const messages = JSON.parse(
      readFileSync(path.join(OUTPUT, 'chrome-mv3/_locales/en/messages.json'), 'utf8'),
    ) as Record<string, { message: string }>;
    expect(messages.extName?.message).toBe('Adlens');
    expect(messages.extDescription?.message).toMatch(/Ads Manager/);
  });

  it('carries the key that pins the extension id in the tested build', () => {
    expect(typeof manifest.key).toBe('string');
  });
});

describe('store packages', () => {
  it('leave the key out of the Chrome Web Store build and change nothing else', () => {
    const { key, ...tested } = readManifest('chrome-mv3');
    expect(key).toBeTypeOf('string');
    expect(readManifest('chrome-mv3-store')).toEqual(tested);
    expect(readdirSync(OUTPUT)).toContain('adlens-0.1.0-chrome.zip');
  });

  it('declare a Firefox id, minimum version and no data collection', () => {
    const manifest = readManifest('firefox-mv3-store');
    expect(manifest.key).toBeUndefined();
    expect(manifest.permissions).toEqual(['storage', 'identity', 'alarms']);
    expect(manifest.browser_specific_settings).toEqual({
      gecko: {
        id: 'adlens@adlens.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    });
    expect(readdirSync(OUTPUT)).toContain('adlens-0.1.0-firefox.zip');
  });
});

/** Links inside libraries' error messages: text shown to a developer, never fetched. */
const LIBRARY_DOC_LINKS = new Set([
  'http://bit.ly/2kdckMn', // Dexie
  'https://tinyurl.com/y2uuvskb', // Dexie
  'https://github.com/wxt-dev/wxt/issues/371', // WXT storage
  'https://wxt.dev/guide/go-further/testing.html', // WXT storage
]);
/** Dexie turns on its debug mode when served from localhost; an extension never is. */
const DEXIE_DEBUG_CHECK = '/^(http|https):\\/\\/(localhost|127\\.0\\.0\\.1)/';

describe('bundle', () => {
  const files = bundleFiles('chrome-mv3');
  const text = files.map((file) => readFileSync(file, 'utf8')).join('\n');

  it('has no eval, no Function constructor and no remote script loading', () => {
    expect(text).not.toMatch(/\beval\(/);
    expect(text).not.toMatch(/new Function\(/);
    expect(text).not.toMatch(/importScripts\(/);
    expect(text).not.toMatch(/<script[^>]+src=["']https?:/);
  });

  it('names no host but Meta and XML namespaces, and no loopback or test hook', () => {
    const urls = new Set(text.match(/https?:\/\/[a-z0-9./_-]+/gi) ?? []);
    for (const url of urls) {
      if (LIBRARY_DOC_LINKS.has(url)) continue;
      const host = new URL(url).hostname;
      expect(host, `unexpected host in bundle: ${url}`).toMatch(/(^|\.)(facebook\.com|w3\.org)$/);
    }
    const withoutDexieDebugCheck = text.replaceAll(DEXIE_DEBUG_CHECK, '');
    expect(withoutDexieDebugCheck).not.toMatch(/localhost|127\.0\.0\.1|__sim|host-resolver/);
  });
});
