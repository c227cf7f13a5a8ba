import { parseInviteCode } from '../protocol/invite-code.js';

/** What the address bar asks for: the start page, or joining the game behind an invite code. */
export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'join'; readonly code: string }
  | { readonly kind: 'bad-link'; readonly reason: string };

/** Reads a path such as `/` or `/join/ABC234`; anything else is reported, not guessed at. */
export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { kind: 'home' };
  const match = /^\/join\/([^/]*)\/?$/.exec(pathname);
  if (!match) return { kind: 'bad-link', reason: 'This page does not exist.' };
  let raw: string;
  try {
    raw = decodeURIComponent(match[1] ?? '');
  } catch {
    return { kind: 'bad-link', reason: 'This invite link is not valid.' };
  }
  const code = parseInviteCode(raw);
  return code.ok ? { kind: 'join', code: code.value } : { kind: 'bad-link', reason: `This invite link is not valid: ${code.reason}.` };
}

/** The link a host shares. */
export function inviteLink(origin: string, code: string): string {
  return `${origin}/join/${code}`;
}

/** An invite link with `?spectate` joins to watch (no player slot, beyond the player limit). */
export function wantsToSpectate(search: string): boolean {
  return new URLSearchParams(search).has('spectate');
}
