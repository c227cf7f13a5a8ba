import type { Scheduler } from '../../time/scheduler.js';
import { fail, ok, type Result } from '../../util/result.js';
import type { PeerLink } from '../peer-link.js';
import { networkConditions, parseNetworkConditions, type Direction, type LinkConditions, type NetworkConditions } from './conditions.js';
import { SimulatedLink } from './simulated-link.js';

/**
 * The run-time network simulator of one player: wraps every new link in a SimulatedLink with the
 * current conditions and changes the conditions of every live link at once, so a person (or a
 * browser test) can make the network worse mid-game from the console or the address bar.
 */
export class NetworkSimulator {
  private readonly links = new Set<SimulatedLink>();
  private current: { outgoing: Partial<NetworkConditions>; incoming: Partial<NetworkConditions> };
  private created = 0;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly seed: number,
    conditions: LinkConditions = {},
  ) {
    this.current = { outgoing: { ...conditions.outgoing }, incoming: { ...conditions.incoming } };
  }

  /** Puts a new link behind the simulated network (each link gets its own PRNG stream). */
  wrap(link: PeerLink): SimulatedLink {
    const simulated = new SimulatedLink(link, {
      scheduler: this.scheduler,
      seed: this.seed + this.created++,
      conditions: this.current,
    });
    this.links.add(simulated);
    simulated.events.on('close', () => this.links.delete(simulated));
    return simulated;
  }

  /** The knobs one direction of every new link starts with (the last `set` without a peer). */
  conditions(direction: Direction): NetworkConditions {
    return networkConditions(this.current[direction]);
  }

  /**
   * Changes one direction's knobs: of the link to `remoteId` only, when given; otherwise of every
   * live link and every later one. Returns how many live links changed.
   */
  set(direction: Direction, conditions: Partial<NetworkConditions>, remoteId?: string): number {
    if (remoteId === undefined) this.current = { ...this.current, [direction]: { ...this.current[direction], ...conditions } };
    const targets = [...this.links].filter((link) => remoteId === undefined || link.remoteId === remoteId);
    for (const link of targets) link.setConditions(direction, conditions);
    return targets.length;
  }
}

/**
 * Reads `?netsim=…` (both directions), `?netsim-out=…` and `?netsim-in=…` (one direction, on top)
 * from a page address; undefined when none is present. See parseNetworkConditions for the knobs.
 */
export function linkConditionsFromQuery(params: URLSearchParams): Result<LinkConditions | undefined> {
  const read = (name: string): Result<Partial<NetworkConditions>> => {
    const text = params.get(name);
    if (text === null) return ok({});
    const parsed = parseNetworkConditions(text);
    return parsed.ok ? parsed : fail(`${name}: ${parsed.reason}`);
  };
  if (!['netsim', 'netsim-out', 'netsim-in'].some((name) => params.has(name))) return ok(undefined);
  const both = read('netsim');
  const outgoing = read('netsim-out');
  const incoming = read('netsim-in');
  if (!both.ok) return both;
  if (!outgoing.ok) return outgoing;
  if (!incoming.ok) return incoming;
  return ok({ outgoing: { ...both.value, ...outgoing.value }, incoming: { ...both.value, ...incoming.value } });
}
