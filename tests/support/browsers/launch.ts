import { launchChromium } from './chromium.js';
import { launchFirefox } from './firefox.js';
import type { BrowserName, TestBrowser } from './test-page.js';

/** Starts the named browser. */
export function launchBrowser(name: BrowserName): Promise<TestBrowser> {
  return name === 'chromium' ? launchChromium() : launchFirefox();
}
