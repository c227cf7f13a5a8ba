import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/** What the page's Content-Security-Policy must allow besides its own files. */
export interface PagePolicy {
  /** `'sha256-…'` sources of the page's inline `<style>` blocks (Vite keeps a page's own styles inline). */
  readonly styleHashes: readonly string[];
  /**
   * With several lobby processes a game's WebSocket goes to the process that holds it, whose
   * address the page cannot know in advance: any `ws:`/`wss:` host is allowed then.
   */
  readonly anySocketHost: boolean;
}

/** The CSP source of every inline `<style>` element of a built page. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
    ([, css = '']) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`,
  );
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The game needs its own scripts and styles, images from itself, `data:` (Phaser's built-in
 * textures, the favicon) and `blob:` (Phaser decodes loaded images through object URLs), audio
 * from itself, and fetch/WebSocket to the lobby it came from: `connect-src` names that exact host
 * for `ws:` and `wss:` (from the request's `Host`; a malformed one gets `'self'` only). Nothing
 * may frame it, and no inline script runs, so injected markup cannot run code. Nothing evaluates
 * strings either: the game is built with msgpack's no-eval builds (vite.config.ts), whose probe
 * for `Function('')` would otherwise be a CSP violation that Firefox reports as a page error.
 */
function contentSecurityPolicy(page: PagePolicy, host: string | undefined): string {
  const sockets = page.anySocketHost ? ['ws:', 'wss:'] : host !== undefined && HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
  return [
    "default-src 'none'",
    "script-src 'self'",
    // The match's pacer (src/time/worker-paced-scheduler.ts): a worker made from a blob, which
    // keeps a hidden host's timers on time. Workers may load nothing else.
    'worker-src blob:',
    ["style-src 'self'", ...page.styleHashes].join(' '),
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    ["connect-src 'self'", ...sockets].join(' '),
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Security headers on every response of the site. Besides the CSP: no MIME sniffing; no
 * `Referer` (invite links carry the game's code in their path); no framing for browsers without
 * CSP `frame-ancestors`; resources for this origin only; the microphone for this origin
 * (push-to-talk), no camera or location. No `Cross-Origin-Opener-Policy`: the page opens no
 * windows, and with `same-origin` a Firefox tab in the background took twice as long to host a
 * game (measured with Firefox ESR 153: 16 s instead of 9 s to the invite link).
 */
export function securityHeaders(page: PagePolicy): RequestHandler {
  return (request, response, next) => {
    response.set({
      'Content-Security-Policy': contentSecurityPolicy(page, request.headers.host),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), geolocation=(), microphone=(self)',
    });
    next();
  };
}
