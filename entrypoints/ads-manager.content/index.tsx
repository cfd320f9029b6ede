import { defineContentScript } from '#imports';

export default defineContentScript({
  matches: ['https://adsmanager.facebook.com/*'],
  main() {},
});
