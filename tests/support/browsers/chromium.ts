import { chromium, type Browser, type Page } from 'playwright-core';
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
    addInitScript: async (script) => {
      const added = await page.addInitScript(script);
      return async () => {
        await added[Symbol.asyncDispose]();
      };
    },
    keyDown: (key) => page.keyboard.down(key),
    keyUp: (key) => page.keyboard.up(key),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    errors: () => errors,
    close: () => page.context().close(),
  };
}

/** What CDP's network emulation takes: latency added per request, and throughput in bytes per second. */
export interface NetworkConditions {
  readonly latencyMs: number;
  readonly downloadBytesPerSecond: number;
  readonly uploadBytesPerSecond: number;
}

/** A page of a measured visit, and the bytes its network requests took on the wire so far. */
export interface MeasuredPage {
  readonly page: TestPage;
  bytesReceived(): number;
}

/**
 * One person's browser profile for measurements: its pages share a cache (the first visit is
 * cold, the next ones warm), each may be throttled, and its bytes are counted (CDP's
 * `encodedDataLength`: what crossed the network, after compression).
 */
export interface MeasuredContext {
  /** `acceptEncoding` replaces the browser's own header (e.g. `identity`: what an uncompressed server would send). */
  newPage(conditions: NetworkConditions | undefined, acceptEncoding?: string): Promise<MeasuredPage>;
  close(): Promise<void>;
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

/** A phone's page: a touch screen (CDP touch events, as a finger makes them) that can be turned sideways. */
export interface PhonePage extends TestPage {
  /** Puts finger `id` down at (x, y) CSS pixels of the viewport, moves it, lifts it. */
  touchStart(id: number, x: number, y: number): Promise<void>;
  touchMove(id: number, x: number, y: number): Promise<void>;
  touchEnd(id: number): Promise<void>;
  /** The element's box in CSS pixels of the viewport. */
  box(selector: string): Promise<{ readonly x: number; readonly y: number; readonly width: number; readonly height: number }>;
  /** Turns the phone: portrait or landscape of the same screen. */
  turn(orientation: 'portrait' | 'landscape'): Promise<void>;
}

/** A phone's screen in portrait, CSS pixels (an iPhone 14's). */
const PHONE = { width: 390, height: 844 };

async function phonePage(browser: Browser): Promise<PhonePage> {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const fingers = new Map<number, { x: number; y: number }>();
  const dispatch = async (type: 'touchStart' | 'touchMove' | 'touchEnd'): Promise<void> => {
    const touchPoints = [...fingers].map(([id, at]) => ({ id, ...at }));
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
  };
  return {
    ...wrap(page),
    touchStart: async (id, x, y) => {
      fingers.set(id, { x, y });
      await dispatch('touchStart');
    },
    touchMove: async (id, x, y) => {
      fingers.set(id, { x, y });
      await dispatch('touchMove');
    },
    touchEnd: async (id) => {
      fingers.delete(id);
      await dispatch('touchEnd');
    },
    box: async (selector) => {
      const box = await page.locator(selector).boundingBox();
      if (!box) throw new Error(`${selector} is not visible`);
      return box;
    },
    turn: (orientation) => page.setViewportSize(orientation === 'portrait' ? PHONE : { width: PHONE.height, height: PHONE.width }),
  };
}

/** Launches headless Chromium with the flags this machine needs (no background network). */
export async function launchChromium(options: ChromiumOptions = {}): Promise<TestBrowser & { newMeasuredContext(): Promise<MeasuredContext>; newPhonePage(): Promise<PhonePage> }> {
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
    newPhonePage: () => phonePage(browser),
    newMeasuredContext: async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
      return {
        newPage: async (conditions, acceptEncoding) => {
          const page = await context.newPage();
          const cdp = await context.newCDPSession(page);
          let bytes = 0;
          cdp.on('Network.loadingFinished', ({ encodedDataLength }) => (bytes += encodedDataLength));
          await cdp.send('Network.enable');
          if (acceptEncoding !== undefined) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': acceptEncoding } });
          if (conditions) {
            const { latencyMs, downloadBytesPerSecond, uploadBytesPerSecond } = conditions;
            await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: latencyMs, downloadThroughput: downloadBytesPerSecond, uploadThroughput: uploadBytesPerSecond });
          }
          // Closing one page must not close the profile: the next visit uses its cache.
          return { page: { ...wrap(page), close: () => page.close() }, bytesReceived: () => bytes };
        },
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
