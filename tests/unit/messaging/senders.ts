/** The extension identity the router is built with, and the senders the tests talk to it as. */
export const identity = { id: 'adlensid', origin: 'chrome-extension://adlensid' };

/** An extension page outside any tab (the popup, or the options page opened on its own). */
export const extensionPage = { id: identity.id, origin: identity.origin };

/** The content script in the top frame of an Ads Manager tab. */
export const adsManager = {
  id: identity.id,
  origin: 'https://adsmanager.facebook.com',
  tab: { id: 4 },
  frameId: 0,
};
