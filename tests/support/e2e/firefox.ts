import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { SIMULATED_HOSTS } from '../../sim/certs';
import type { RunningSimulator } from '../../sim/start';
import type { AdlensBrowser } from './browser';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** `wxt build -b firefox --mv3`: the unpacked Firefox build, the same code as the store zip. */
export const FIREFOX_EXTENSION_DIR = path.resolve(
  import.meta.dirname,
  '../../../.output/firefox-mv3',
);
const GECKO_ID = 'adlens@adlens.dev';
/** Firefox gives each install a random origin; the test profile pins it so pages can be opened. */
const EXTENSION_UUID = '5f0c3a4e-8d21-4b7a-9e63-2c1d0a7b9f48';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/**
 * Firefox's own service, not Adlens's: release builds ignore a test profile's override of the
 * remote settings server, so Firefox asks for it; the proxy refuses it like any other host.
 */
export const FIREFOX_OWN_HOSTS = ['firefox.settings.services.mozilla.com'] as const;

export interface AdlensFirefox extends AdlensBrowser {
  /** Every host the browser asked the proxy for, in order: simulated or not. */
  readonly hostsAsked: readonly string[];
}

/**
 * Debian's firefox-esr over WebDriver BiDi with the Firefox build installed as a temporary add-on.
 * Firefox has no host resolver rules: a proxy auto-config sends every URL to a loopback proxy that
 * tunnels the simulated hosts to the simulator and refuses (and records) every other host. The
 * test certificate is trusted in the fresh profile's own certificate database, nothing else is.
 */
export async function launchAdlensFirefox(
  sim: RunningSimulator,
  options: { withExtension?: boolean } = {},
): Promise<AdlensFirefox> {
  const proxy = await startHostProxy(sim.server.port);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'adlens-firefox-'));
  trustCertificate(userDataDir, sim.server.certificate.certPath);
  const pac = `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${proxy.port}"; }`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir,
    // Lets WebDriver open moz-extension:// pages, which it otherwise refuses; the driver's
    // privilege, like Chromium's DevTools access to extension pages, not the extension's.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1440, height: 900 },
    extraPrefsFirefox: {
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:application/x-ns-proxy-autoconfig;base64,${Buffer.from(pac).toString('base64')}`,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // performance.now() to the microsecond, as in Chromium, for the overlay benchmark.
      'privacy.reduceTimerPrecision': false,
    },
  });
  // Without it only for a benchmark's baseline: the same page with nothing of Adlens running.
  if (options.withExtension ?? true) await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return {
    browser,
    userDataDir,
    hostsAsked: proxy.hostsAsked,
    async close() {
      await browser.close();
      await proxy.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function isFirefox(browser: Browser): Promise<boolean> {
  return (await browser.version()).startsWith('firefox');
}

/**
 * Opens an extension page in a new tab. WebDriver BiDi reports no navigation events for extension
 * documents, so the page is awaited by its own state rather than by `goto`'s.
 */
export async function openFirefoxExtensionPage(browser: Browser, file: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${file}`;
  page.goto(url, { timeout: 0 }).catch(() => undefined);
  await page.waitForFunction(
    (expected) => location.href === expected && document.readyState === 'complete',
    { polling: 50 },
    url,
  );
  return page;
}

function trustCertificate(profile: string, certPath: string): void {
  const database = `sql:${profile}`;
  execFileSync('certutil', ['-N', '-d', database, '--empty-password']);
  // Trusted to issue server certificates (C), which is how NSS trusts a self-signed server one.
  execFileSync('certutil', [
    '-A',
    '-d',
    database,
    '-n',
    'adlens-simulator',
    '-t',
    'C,,',
    '-i',
    certPath,
  ]);
}

interface HostProxy {
  readonly port: number;
  readonly hostsAsked: string[];
  close(): Promise<void>;
}

async function startHostProxy(simulatorPort: number): Promise<HostProxy> {
  const hostsAsked: string[] = [];
  const tunnels = new Set<net.Socket>();
  const simulated = new Set<string>(SIMULATED_HOSTS);
  const server = http.createServer((request, response) => {
    // Plain HTTP never reaches the simulator (HTTPS only): recorded and refused.
    hostsAsked.push(new URL(request.url ?? '/', 'http://unknown').hostname);
    response.writeHead(403).end();
  });
  server.on('connect', (request: http.IncomingMessage, client: net.Socket) => {
    const host = (request.url ?? '').replace(/:\d+$/, '');
    hostsAsked.push(host);
    tunnels.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => tunnels.delete(client));
    if (!simulated.has(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(simulatorPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hostsAsked,
    close: () =>
      new Promise<void>((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
