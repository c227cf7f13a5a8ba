import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { killWithParent } from '../child-process.js';
import { CHROMIUM_PATH } from './chromium.js';

/** A tab, driven over the DevTools protocol. */
export interface CdpTab {
  readonly targetId: string;
  navigate(url: string): Promise<void>;
  /** The value of `expression`, evaluated in the page (promises awaited). */
  evaluate<T>(expression: string): Promise<T>;
}

/** Chromium with windows, driven over the DevTools protocol. */
export interface CdpChromium {
  /** The tab the browser opened with. */
  readonly firstTab: CdpTab;
  /** A tab in a window of its own, showing `url`. */
  openWindow(url: string): Promise<CdpTab>;
  /** A new tab in `tab`'s window, in front of it: `tab` goes to the background, as when a person opens another tab. */
  coverWithNewTab(tab: CdpTab): Promise<void>;
  close(): Promise<void>;
}

interface CdpReply {
  readonly id?: number;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

/**
 * Launches Chromium with windows on the X `display` (see startXvfb) and drives it over the
 * DevTools protocol, without Playwright: Playwright opens every page in a window of its own and
 * starts Chromium with background throttling off, so a page of it is never in a real background
 * tab. The profile is a fresh temporary folder.
 */
export async function launchCdpChromium(display: string): Promise<CdpChromium> {
  const profile = await mkdtemp(path.join(tmpdir(), 'hostmesh-cdp-'));
  const args = ['--no-sandbox', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage', '--disable-features=WebRtcHideLocalIpsWithMdns', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-size=800,600', 'about:blank'];
  // Its own temporary files (the profile's singleton socket) go in the profile too, removed with it.
  const chrome = spawn(CHROMIUM_PATH, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: display, TMPDIR: profile } });
  killWithParent(chrome);
  const endpoint = await new Promise<string>((resolve, reject) => {
    let printed = '';
    chrome.stderr.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /DevTools listening on (ws:\S+)/.exec(printed)?.[1];
      if (found !== undefined) resolve(found);
    });
    chrome.once('exit', (code) => reject(new Error(`Chromium exited (${String(code)}) before it listened:\n${printed.slice(-2_000)}`)));
  });
  const socket = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as CdpReply;
    if (reply.id === undefined) return;
    const call = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error) call?.reject(new Error(reply.error.message));
    else call?.resolve(reply.result);
  });
  const send = <T>(method: string, params: Record<string, unknown>, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: (value) => resolve(value as T), reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) }));
    });
  const tab = async (targetId: string): Promise<CdpTab> => {
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return {
      targetId,
      navigate: async (url) => {
        await send('Page.navigate', { url }, sessionId);
      },
      evaluate: async <T>(expression: string) => {
        const reply = await send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, sessionId);
        if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.text} (${expression.slice(0, 120)})`);
        return reply.result.value;
      },
    };
  };
  const { targetInfos } = await send<{ targetInfos: { targetId: string; type: string }[] }>('Target.getTargets', {});
  const first = targetInfos.find((target) => target.type === 'page');
  if (!first) throw new Error('Chromium opened no tab');
  return {
    firstTab: await tab(first.targetId),
    openWindow: async (url) => tab((await send<{ targetId: string }>('Target.createTarget', { url, newWindow: true })).targetId),
    coverWithNewTab: async (covered) => {
      // A new tab opens in the window last in front: bring the covered tab's window there first.
      await send('Target.activateTarget', { targetId: covered.targetId });
      await send('Target.createTarget', { url: 'about:blank', newWindow: false });
    },
    close: async () => {
      socket.close();
      chrome.kill();
      await new Promise((resolve) => (chrome.exitCode === null ? chrome.once('exit', resolve) : resolve(undefined)));
      await rm(profile, { recursive: true, force: true });
    },
  };
}
