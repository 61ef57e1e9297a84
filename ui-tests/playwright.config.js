/**
 * Galata UI tests in a real JupyterLab, driven in Debian's Chromium
 * (Playwright's own browsers cannot be downloaded here). Playwright starts
 * and stops JupyterLab itself; one worker, as the machine has two cores.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const jupyter = path.join(repo, '.venv', 'bin', 'jupyter');

module.exports = {
  ...baseConfig,
  workers: 1,
  retries: 0,
  timeout: 180000,
  expect: { timeout: 30000 },
  reporter: [['list']],
  outputDir: path.join(repo, 'build', 'ui-test-results'),
  snapshotPathTemplate: '{testDir}/__snapshots__/{testFilePath}/{arg}{ext}',
  use: {
    ...baseConfig.use,
    video: 'off',
    trace: 'off',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-precise-memory-info'
      ]
    }
  },
  webServer: {
    command: `${jupyter} lab --config jupyter_server_test_config.py`,
    cwd: __dirname,
    url: 'http://localhost:8888/lab',
    timeout: 120000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore'
  }
};
