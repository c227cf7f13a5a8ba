import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { killWithParent } from './child-process.js';

/** A virtual X display of our own. */
export interface XvfbDisplay {
  /** For `DISPLAY`, e.g. `:99`. */
  readonly display: string;
  stop(): Promise<void>;
}

/**
 * Starts Xvfb (Debian package `xvfb`) on a free display, for a browser with windows: what a real
 * background tab needs (headless Chromium shows every page as visible). Xvfb picks the display
 * itself and names it once it accepts clients (`-displayfd`).
 */
export async function startXvfb(): Promise<XvfbDisplay> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  killWithParent(child);
  let printed = '';
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const announced = child.stdio[3] as Readable;
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    announced.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    child.once('error', (error) => reject(new Error(`Xvfb did not start (Debian: apt-get install xvfb): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${String(code)}) before it named its display:\n${printed.slice(-1_000)}`)));
  });
  return {
    display,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
