import { browser } from '#imports';
import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';
import type { SenderClass } from './protocol';

/**
 * The only place that reads who sent a message (Bitwarden's rule). Everything else receives a
 * sender class or nothing. `origin` is the trust signal; `url` is not.
 */
export interface ExtensionIdentity {
  readonly id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, without a trailing slash. */
  readonly origin: string;
}

export function currentExtensionIdentity(): ExtensionIdentity {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('').slice(0, -1) };
}

interface SenderFields {
  readonly id: unknown;
  readonly origin: unknown;
  readonly frameId: unknown;
  readonly hasTab: boolean;
}

function readSender(sender: unknown): SenderFields | undefined {
  if (typeof sender !== 'object' || sender === null) return undefined;
  const fields = sender as Record<string, unknown>;
  return {
    id: fields.id,
    origin: fields.origin,
    frameId: fields.frameId,
    hasTab: typeof fields.tab === 'object' && fields.tab !== null,
  };
}

function isAdsManagerOrigin(origin: unknown): boolean {
  return typeof origin === 'string' && (ADS_MANAGER_ORIGINS as readonly string[]).includes(origin);
}

/**
 * An extension page has our origin. It may sit in a tab (the options page opens in one), but then
 * it must be the tab's top frame: we expose no resource, so our pages can never be framed by a site.
 * A content script comes from the top frame of a tab whose origin is Ads Manager.
 */
export function classifySender(sender: unknown, self: ExtensionIdentity): SenderClass | undefined {
  const fields = readSender(sender);
  if (!fields || fields.id !== self.id) return undefined;
  if (fields.origin === self.origin) {
    return !fields.hasTab || fields.frameId === 0 ? 'extension-page' : undefined;
  }
  if (fields.hasTab && fields.frameId === 0 && isAdsManagerOrigin(fields.origin)) {
    return 'content-script';
  }
  return undefined;
}
