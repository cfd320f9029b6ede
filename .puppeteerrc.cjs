// Tests and the demo drive Debian's Chromium (/usr/bin/chromium); never download a browser.
module.exports = { skipDownload: true };
