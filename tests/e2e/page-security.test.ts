import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebugState } from '../../src/view/debug-hook.js';
import { startLobbyProcess, type LobbyProcess } from '../support/lobby-process.js';
import { present } from '../support/wait.js';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Records every CSP violation the page reports, from before its first script runs. */
const RECORD_VIOLATIONS = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__csp.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample, source: event.sourceFile, line: event.lineNumber, column: event.columnNumber });
  });
`;

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
  readonly source: string;
  readonly line: number;
  readonly column: number;
}

/** A page that records CSP violations, console complaints about CSP, and page errors. */
async function openPage(context: BrowserContext): Promise<{ page: Page; complaints: string[] }> {
  const page = await context.newPage();
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(`page error: ${error.message}`));
  return { page, complaints };
}

const violations = (page: Page): Promise<Violation[]> => page.evaluate<Violation[]>('window.__csp');
const state = (page: Page): Promise<DebugState> => page.evaluate<DebugState>('window.__hostmesh.state()');

/** Polls the page's debug state until `accept` holds. */
async function until(page: Page, what: string, accept: (value: DebugState) => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!accept(await state(page))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(await state(page))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The production server's page under its real Content-Security-Policy, in real Chromium: the start
 * page, hosting (matchmaking over HTTP, the lobby's WebSocket), the game rendering with Canvas and
 * with WebGL, and an invite link joined from a second page, without one violation; and the policy
 * is really enforced. (Peer links are WebRTC, which CSP does not govern; the other e2e tests play
 * whole games under the same headers.)
 */
describe('the game page under its security headers (production server, Chromium)', () => {
  let server: LobbyProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startLobbyProcess();
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hosts, renders and joins by invite link with zero CSP violations; an injected inline script is blocked', async () => {
    const origin = present(server, 'server').origin;
    const contexts = await Promise.all([0, 1].map(() => present(browser, 'browser').newContext({ viewport: { width: 1024, height: 700 } })));
    for (const context of contexts) await context.addInitScript(RECORD_VIOLATIONS);
    const [host, guest] = await Promise.all(contexts.map((context) => openPage(context)));
    if (host === undefined || guest === undefined) throw new Error('two pages expected');

    await host.page.goto(`${origin}/?renderer=canvas`);
    await host.page.fill('#name', 'Hosta');
    await host.page.click('#submit');
    await host.page.waitForSelector('#invite-link');
    await until(host.page, 'the host to draw itself', (seen) => seen.status === 'playing' && seen.renderer === 'canvas' && seen.drawnPlayers === 1);
    const invite = await host.page.inputValue('#invite-link');
    await guest.page.goto(`${invite}?renderer=webgl`);
    await until(guest.page, 'the WebGL renderer to boot', (seen) => seen.rendererReady && seen.renderer === 'webgl');
    await guest.page.fill('#name', 'Guest');
    await guest.page.click('#submit');
    await guest.page.waitForSelector('#invite-link');
    await host.page.waitForFunction("document.querySelector('#members').textContent.includes('Guest')", undefined, { polling: 50 });

    for (const { page, complaints } of [host, guest]) {
      expect(await violations(page)).toEqual([]);
      expect(complaints).toEqual([]);
    }

    // The policy is enforced, not merely sent: markup that gets in cannot run script.
    await guest.page.evaluate("document.head.append(Object.assign(document.createElement('script'), { textContent: 'window.__injected = true' }))");
    await guest.page.waitForFunction("window.__csp.some((violation) => violation.blocked === 'inline')");
    expect(await guest.page.evaluate('window.__injected === undefined')).toBe(true);
    expect(await violations(guest.page)).toMatchObject([{ directive: 'script-src-elem', blocked: 'inline' }]);
    await Promise.all(contexts.map((context) => context.close()));
  });

  it('answers bad paths with a short plain status from the server npm start runs', async () => {
    const origin = present(server, 'server').origin;
    for (const [path, status] of [['/assets/nope.js', 404], ['/join/%00%ff', 400]] as const) {
      const answer = await fetch(`${origin}${path}`);
      expect({ path, status: answer.status, body: await answer.text() }).toEqual({ path, status, body: status === 404 ? 'Not Found' : 'Bad Request' });
    }
  });
});
