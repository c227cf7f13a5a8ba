import { isIPv4, isIPv6 } from 'node:net';

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
/** Hextets of an IPv6 address that name its network: a /64 is what one home or phone gets. */
const NETWORK_HEXTETS = 4;

/**
 * The key every per-address limit counts by, from a socket's remote address. An IPv4 address is
 * its own key (an IPv4-mapped IPv6 address counts as the IPv4 one). An IPv6 address counts by its
 * /64: a single home or phone is handed a whole /64 and can pick any address in it, so keying by
 * the full address would give one person 2⁶⁴ separate budgets. Undefined when there is no usable
 * address (the socket is already gone): the caller refuses the request.
 */
export function addressKey(remoteAddress: string | undefined): string | undefined {
  if (remoteAddress === undefined) return undefined;
  const mapped = MAPPED_IPV4.exec(remoteAddress)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  if (isIPv4(remoteAddress)) return remoteAddress;
  const address = remoteAddress.split('%')[0] ?? '';
  if (!isIPv6(address)) return undefined;
  return `${ipv6Hextets(address).slice(0, NETWORK_HEXTETS).map((hextet) => hextet.toString(16)).join(':')}::/64`;
}

/**
 * The eight hextets of a valid IPv6 address as numbers (`::` filled in; an embedded IPv4 tail such
 * as `::ffff:1.2.3.4` is its two hextets). The STUN server writes addresses from them too.
 */
export function ipv6Hextets(address: string): number[] {
  const [head = '', tail] = (address.split('%')[0] ?? '').toLowerCase().split('::');
  const part = (text: string): number[] =>
    text === ''
      ? []
      : text.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [Number.parseInt(piece, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const before = part(head);
  const after = tail === undefined ? [] : part(tail);
  return [...before, ...new Array<number>(Math.max(0, 8 - before.length - after.length)).fill(0), ...after];
}
