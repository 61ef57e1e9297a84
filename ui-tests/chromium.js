/**
 * Debian's Chromium, as every browser run of the project starts it: the UI
 * tests (playwright.config.js) and the install check (check-install.js).
 * Playwright's own browsers cannot be downloaded on these machines.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** No sandbox (root, containers), no GPU, and nothing that reaches the network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

module.exports = { CHROMIUM_PATH, CHROMIUM_ARGS };
