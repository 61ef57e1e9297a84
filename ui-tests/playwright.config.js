/**
 * Galata UI tests in a real JupyterLab, driven in Debian's Chromium
 * (Playwright's own browsers cannot be downloaded here). Playwright starts
 * and stops JupyterLab itself; one worker, as the machine has two cores.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');
const path = require('path');
const { CHROMIUM_ARGS, CHROMIUM_PATH } = require('./chromium');

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
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--enable-precise-memory-info']
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
