/** The browsers the end-to-end tests can drive on this machine. */
export type BrowserName = 'chromium' | 'firefox';

/**
 * One player's page, whatever the browser. Chromium is driven by playwright-core (CDP) and
 * Firefox by puppeteer-core (WebDriver BiDi); tests speak only this interface, so a scenario can
 * say which browser each player uses. Scripts are passed as strings: they run unchanged in both.
 */
export interface TestPage {
  readonly browser: BrowserName;
  goto(url: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  inputValue(selector: string): Promise<string>;
  textContent(selector: string): Promise<string>;
  waitForSelector(selector: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page and returns its (JSON-able) value. */
  evaluate<T>(expression: string): Promise<T>;
  /**
   * Runs `script` in every document this page opens from now on, before the page's own scripts
   * (a reload included), until the returned function is called.
   */
  addInitScript(script: string): Promise<() => Promise<void>>;
  keyDown(key: string): Promise<void>;
  keyUp(key: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Uncaught errors the page reported so far. */
  errors(): readonly string[];
  close(): Promise<void>;
}

/** A running browser: each page gets its own context (storage), like a separate person. */
export interface TestBrowser {
  readonly name: BrowserName;
  newPage(): Promise<TestPage>;
  /** Closes the browser and makes sure its processes are gone. */
  close(): Promise<void>;
}
