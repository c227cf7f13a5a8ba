/**
 * Tells a player, before anyone has to fail to connect, what their own network will allow. The
 * lobby's STUN server answers on two ports; a page gathers ICE candidates against both and
 * compares the public address its NAT showed each one. The same address for both: the NAT maps
 * a player's socket to one public address whatever the destination (a "cone" NAT), and players in
 * other homes can usually connect directly. A different address per destination (a "symmetric"
 * NAT, common on corporate and some mobile networks): the address a peer learns is useless to it,
 * and only a TURN relay gets through. No public address at all: UDP does not get out (or the
 * server's UDP ports are closed): a relay over TCP, or nothing.
 */

export type NatVerdict = 'direct' | 'needs-relay' | 'no-udp' | 'unknown';

/** The lobby's STUN server at its two ports, as ICE server URLs. */
export interface NatProbeTargets {
  readonly stun: string;
  readonly probe: string;
}

/** `… udp <priority> <address> <port> typ srflx raddr <base address> rport <base port> …` */
const SRFLX = / udp \d+ (\S+) (\d+) typ srflx raddr (\S+) rport (\d+)/i;

/** What the probe saw besides candidates. */
export interface ProbeAnswers {
  /** No `icecandidateerror` named the second port (browsers do not always report a timeout, so only a hint). */
  readonly probe: boolean;
  /**
   * The lobby is on a private or loopback address (a LAN game): no public address is then
   * expected, since nothing translates between us and it.
   */
  readonly serverPrivate: boolean;
}

const PRIVATE_IPV4 = [/^10\./, /^172\.(1[6-9]|2\d|3[01])\./, /^192\.168\./, /^127\./, /^169\.254\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

/** A host name that is a private, loopback or link-local address (a name is taken as public). */
export function isPrivateHost(hostName: string): boolean {
  const name = hostName.replace(/^\[|\]$/g, '').toLowerCase();
  if (name === 'localhost' || name === '::1') return true;
  if (/^f[cd]|^fe[89ab]/.test(name) && name.includes(':')) return true;
  return PRIVATE_IPV4.some((range) => range.test(name));
}

/**
 * The verdict from gathered candidate lines. Browsers gather one server-reflexive candidate per
 * STUN server from the same local socket and drop it when it equals a candidate they have (the
 * same address twice, or their own address: no NAT between them and the server), so two
 * different ones with the same base mean the mapping depends on the destination. None at all is
 * a blocked path unless the server is on our own network; a second port that did not answer
 * makes one public address prove nothing.
 */
export function classifyMapping(candidates: readonly string[], answered: ProbeAnswers): NatVerdict {
  const mappedByBase = new Map<string, Set<string>>();
  for (const line of candidates) {
    const match = SRFLX.exec(line);
    if (!match) continue;
    const base = `${match[3] ?? ''}:${match[4] ?? ''}`;
    const mapped = mappedByBase.get(base) ?? new Set<string>();
    mapped.add(`${match[1] ?? ''}:${match[2] ?? ''}`);
    mappedByBase.set(base, mapped);
  }
  if ([...mappedByBase.values()].some((mapped) => mapped.size > 1)) return 'needs-relay';
  // Nothing translated our address: the server is on our network (a LAN game needs no public
  // address, whatever a loopback server answered), or UDP never got out to it.
  if (mappedByBase.size === 0) return answered.serverPrivate ? 'direct' : 'no-udp';
  return answered.probe ? 'direct' : 'unknown';
}

/** Just what the probe needs of an RTCPeerConnection (a browser's, or @roamhq/wrtc's in Node). */
export type CreateConnection = (config: RTCConfiguration) => RTCPeerConnection;

/** Gathering that takes longer than this is cut short (a STUN server that never answers). */
const PROBE_TIMEOUT_MS = 5_000;

/** Gathers candidates against both ports with a throwaway connection, then classifies them. */
export async function probeNat(targets: NatProbeTargets, createConnection: CreateConnection, timeoutMs = PROBE_TIMEOUT_MS): Promise<NatVerdict> {
  const serverPrivate = isPrivateHost(new URL(targets.stun.replace(/^stun:/, 'http://')).hostname);
  const connection = createConnection({ iceServers: [{ urls: targets.stun }, { urls: targets.probe }] });
  const lines: string[] = [];
  const answered = { probe: true, serverPrivate };
  try {
    let stopWaiting = (): void => undefined;
    const gathered = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      stopWaiting = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    connection.addEventListener('icecandidate', (event: RTCPeerConnectionIceEvent) => {
      if (event.candidate) lines.push(event.candidate.candidate);
      else stopWaiting();
    });
    connection.addEventListener('icecandidateerror', (event: Event) => {
      if ('url' in event && event.url === targets.probe) answered.probe = false;
    });
    connection.createDataChannel('nat-probe');
    await connection.setLocalDescription(await connection.createOffer());
    await gathered;
  } catch {
    return 'unknown';
  } finally {
    connection.close();
  }
  return classifyMapping(lines, answered);
}

/** What to tell the player, if anything; `relayOffered`: the lobby hands out TURN credentials. */
export function natAdvice(verdict: NatVerdict, relayOffered: boolean): string | undefined {
  if (verdict === 'needs-relay') {
    return relayOffered
      ? 'Your network gives every destination a different public address (a strict NAT): players in other homes reach you through the server\'s relay, a little slower than directly.'
      : 'Your network gives every destination a different public address (a strict NAT): players in other homes can reach you only through a relay, and this server offers none (ask whoever runs it to add one). Players on your own network are fine.';
  }
  if (verdict === 'no-udp') {
    return relayOffered
      ? 'No direct path out of your network was found (it may block UDP): players in other homes reach you through the server\'s relay, if it accepts TCP.'
      : 'No direct path out of your network was found (it may block UDP, or the server\'s UDP port is closed): players in other homes may not reach you.';
  }
  return undefined;
}
