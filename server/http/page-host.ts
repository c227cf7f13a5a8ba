/**
 * The host name a client reached the lobby by, from its request's `Host` header: what its page
 * was loaded from, so the lobby's own services (the managed TURN relay) are named the same way
 * (`turn:<it>:3478`), as the page names the lobby's STUN server. Undefined when the header is
 * missing or is not a plain host name or address (the client then gets no such URL). A client
 * can only misname its own relay this way.
 */
export function pageHostName(header: string | readonly string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length > 255 || !/^[A-Za-z0-9.:[\]-]+$/.test(header)) return undefined;
  try {
    const { hostname } = new URL(`http://${header}/`);
    return hostname === '' ? undefined : hostname;
  } catch {
    return undefined;
  }
}
