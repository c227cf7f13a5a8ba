import puppeteer, { type Page } from 'puppeteer-core';
import type { TestBrowser, TestPage } from './test-page.js';

/** Debian's firefox-esr; Playwright's Firefox needs its own patched build, which is not available. */
const FIREFOX_PATH = process.env['FIREFOX_PATH'] ?? '/usr/bin/firefox-esr';
/** Firefox takes ~5 s to close by itself; past this its process is killed. */
const CLOSE_GRACE_MS = 3_000;

function wrap(page: Page, close: () => Promise<void>): TestPage {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  return {
    browser: 'firefox',
    goto: async (url) => {
      await page.goto(url);
    },
    fill: async (selector, text) => {
      await page.locator(selector).fill(text);
    },
    click: (selector) => page.click(selector),
    inputValue: (selector) => page.$eval(selector, (element) => (element as HTMLInputElement).value),
    textContent: (selector) => page.$eval(selector, (element) => element.textContent),
    waitForSelector: async (selector) => {
      await page.waitForSelector(selector);
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    addInitScript: async (script) => {
      const { identifier } = await page.evaluateOnNewDocument(script);
      return () => page.removeScriptToEvaluateOnNewDocument(identifier);
    },
    keyDown: (key) => page.keyboard.down(key as Parameters<Page['keyboard']['down']>[0]),
    keyUp: (key) => page.keyboard.up(key as Parameters<Page['keyboard']['up']>[0]),
    screenshot: async (path) => {
      await page.screenshot({ path });
    },
    errors: () => errors,
    close,
  };
}

/**
 * Launches headless Firefox over WebDriver BiDi. Host candidates are not obfuscated and loopback
 * candidates are allowed, so Firefox connects to pages and relays on this machine.
 */
export async function launchFirefox(): Promise<TestBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: {
      'media.peerconnection.ice.obfuscate_host_addresses': false,
      'media.peerconnection.ice.loopback': true,
    },
  });
  const process = browser.process();
  return {
    name: 'firefox',
    newPage: async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1024, height: 700 });
      return wrap(page, () => context.close());
    },
    close: async () => {
      const closed = browser.close().catch(() => undefined);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_GRACE_MS));
      await Promise.race([closed, timeout]);
      if (process && process.exitCode === null && process.signalCode === null) process.kill('SIGKILL');
    },
  };
}
