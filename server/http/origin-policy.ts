import { fail, ok, type Result } from '../../src/util/result.js';

/**
 * Which web pages may use this lobby from a browser. The page's own origin (the scheme-less host
 * the browser asked for, which is what the `Host` header carries) always may, so LAN play at
 * `http://192.168.x.y:2567` and `http://localhost:2567` needs no setting. `ALLOWED_ORIGINS` adds
 * others (a page served elsewhere, a reverse proxy that rewrites `Host`, the page origin of a
 * multi-process set-up); `*` allows any. Requests without an `Origin` header are not from a
 * browser page and pass: the policy keeps other sites from spending visitors' addresses and
 * budgets on this lobby, it does not authenticate programs.
 */
export interface OriginPolicy {
  readonly allowed: ReadonlySet<string>;
  readonly any: boolean;
}

export const SAME_ORIGIN_ONLY: OriginPolicy = { allowed: new Set(), any: false };

/** Reads `ALLOWED_ORIGINS`: comma-separated `scheme://host[:port]` origins, or `*`. */
export function readOriginPolicy(text: string | undefined): Result<OriginPolicy> {
  const entries = (text ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const allowed = new Set<string>();
  for (const entry of entries) {
    if (entry === '*') return ok({ allowed, any: true });
    const origin = parseOrigin(entry.replace(/\/$/, ''));
    if (origin === undefined) return fail(`ALLOWED_ORIGINS: "${entry}" is not an origin like https://game.example.org or http://192.168.1.20:2567`);
    allowed.add(origin.origin);
  }
  return ok({ allowed, any: false });
}

/** True if a request with these `Origin` and `Host` headers may use the lobby. */
export function originAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || policy.any) return true;
  const parsed = parseOrigin(origin);
  if (parsed === undefined) return false; // `null` (sandboxed frames, files) and garbage
  if (policy.allowed.has(parsed.origin)) return true;
  return host !== undefined && sameHost(parsed, host);
}

/** An http(s) URL that is nothing but an origin (no path, query, fragment or credentials). */
function parseOrigin(text: string): URL | undefined {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  return isBare(url) && !text.endsWith('/') ? url : undefined;
}

const isBare = (url: URL): boolean => url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';

/** The `Host` header, read with the origin's scheme so default ports compare equal. */
function sameHost(origin: URL, host: string): boolean {
  const asked = URL.canParse(`${origin.protocol}//${host}`) ? new URL(`${origin.protocol}//${host}`) : undefined;
  return asked !== undefined && isBare(asked) && !host.includes('/') && asked.host === origin.host;
}
