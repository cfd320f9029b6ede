import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ADS_MANAGER_ORIGINS } from '@/lib/config/hosts';
import { classifySender, currentExtensionIdentity } from '@/lib/messaging/sender-policy';

const self = { id: 'adlensid', origin: 'chrome-extension://adlensid' };
const tab = { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false };

const extensionPage = { id: self.id, origin: self.origin, url: `${self.origin}/options.html` };
const contentScript = (origin: string, frameId = 0) => ({
  id: self.id,
  origin,
  url: `${origin}/adsmanager/manage/campaigns?act=1`,
  tab,
  frameId,
});

describe('classifySender', () => {
  it('accepts an extension page, alone or as the top frame of a tab', () => {
    expect(classifySender(extensionPage, self)).toBe('extension-page');
    expect(classifySender({ ...extensionPage, tab, frameId: 0 }, self)).toBe('extension-page');
  });

  it('rejects an extension page framed inside a tab', () => {
    expect(classifySender({ ...extensionPage, tab, frameId: 3 }, self)).toBeUndefined();
  });

  it.each(ADS_MANAGER_ORIGINS)('accepts a content script in the top frame of %s', (origin) => {
    expect(classifySender(contentScript(origin), self)).toBe('content-script');
  });

  it('rejects content scripts in sub-frames or without a tab', () => {
    expect(
      classifySender(contentScript('https://adsmanager.facebook.com', 2), self),
    ).toBeUndefined();
    const { tab: _tab, ...noTab } = contentScript('https://adsmanager.facebook.com');
    expect(classifySender(noTab, self)).toBeUndefined();
  });

  it.each([
    'https://adsmanager.facebook.com.evil.example',
    'http://adsmanager.facebook.com',
    'https://adsmanager.facebook.com/',
    'https://evil.example',
    'https://graph.facebook.com',
    'null',
    'chrome-extension://otherextension',
  ])('rejects the spoofed or foreign origin %s', (origin) => {
    expect(classifySender(contentScript(origin), self)).toBeUndefined();
  });

  it('rejects another extension, even with our origin', () => {
    expect(classifySender({ ...extensionPage, id: 'otherextension' }, self)).toBeUndefined();
    expect(
      classifySender({ ...contentScript('https://adsmanager.facebook.com'), id: 'other' }, self),
    ).toBeUndefined();
  });

  it('does not trust url when origin is missing', () => {
    const { origin: _origin, ...withoutOrigin } = contentScript('https://adsmanager.facebook.com');
    expect(classifySender(withoutOrigin, self)).toBeUndefined();
    const { origin: _o, ...pageWithoutOrigin } = extensionPage;
    expect(classifySender(pageWithoutOrigin, self)).toBeUndefined();
  });

  it.each([undefined, null, 'adlensid', 42, {}])('rejects the non-sender %p', (sender) => {
    expect(classifySender(sender, self)).toBeUndefined();
  });
});

describe('currentExtensionIdentity', () => {
  it('is the runtime id and the extension origin without a trailing slash', () => {
    const identity = currentExtensionIdentity();
    expect(identity.id).toBe(fakeBrowser.runtime.id);
    expect(identity.origin).toBe(`chrome-extension://${fakeBrowser.runtime.id}`);
  });
});
