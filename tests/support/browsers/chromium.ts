import { chromium, type Page } from 'playwright-core';
import type { TestBrowser, TestPage } from './test-page.js';

/** Debian's Chromium; Playwright's own browser download is not available (or wanted) here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * Playwright passes its own `--disable-features` list and only the last such flag counts, so
 * ours is merged into it: mDNS host-candidate hiding off, so pages on one machine connect over
 * plain host candidates.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  // Playwright 1.65's own list, kept so its behaviour does not change.
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

function wrap(page: Page): TestPage {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    browser: 'chromium',
    goto: async (url) => {
      await page.goto(url);
    },
    fill: (selector, text) => page.fill(selector, text),
    click: (selector) => page.click(selector),
    inputValue: (selector) => page.inputValue(selector),
    textContent: async (selector) => (await page.textContent(selector)) ?? '',
    waitForSelector: async (selector) => {
      await page.waitForSelector(selector);
    },
    evaluate: <T>(expression: string) => page.evaluate<T>(expression),
    keyDown: (key) => page.keyboard.down(key),
    keyUp: (key) => page.keyboard.up(key),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    errors: () => errors,
    close: () => page.context().close(),
  };
}

export interface ChromiumOptions {
  /**
   * A fake microphone and camera (a beep and a test pattern), granted without a prompt
   * (`--use-fake-ui-for-media-stream --use-fake-device-for-media-stream`): for voice chat tests.
   */
  readonly fakeMedia?: boolean;
  /** Another way to start Debian's Chromium, e.g. a script that runs it in a NAT lab namespace. */
  readonly executablePath?: string;
}

/** Launches headless Chromium with the flags this machine needs (no background network). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: ['--disable-features'],
    args: [
      `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebRtcHideLocalIpsWithMdns'].join(',')}`,
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.fakeMedia === true ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : []),
    ],
  });
  return {
    name: 'chromium',
    newPage: async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
      return wrap(await context.newPage());
    },
    close: () => browser.close(),
  };
}
