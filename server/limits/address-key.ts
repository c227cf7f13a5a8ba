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
  return `${expandIPv6(address).slice(0, NETWORK_HEXTETS).join(':')}::/64`;
}

/** The eight hextets of a valid IPv6 address, lower case without leading zeros (`::` filled in). */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const part = (text: string): string[] => (text === '' ? [] : text.split(':'));
  const before = part(head);
  const after = tail === undefined ? [] : part(tail);
  // An embedded IPv4 tail (`::1.2.3.4`) fills two hextets; only the first four matter here.
  const width = (hextets: string[]): number => hextets.reduce((sum, hextet) => sum + (hextet.includes('.') ? 2 : 1), 0);
  const zeros = Array.from({ length: Math.max(0, 8 - width(before) - width(after)) }, () => '0');
  return [...before, ...zeros, ...after].map((hextet) => (hextet.includes('.') ? hextet : hextet.replace(/^0+(?=.)/, '')));
}
