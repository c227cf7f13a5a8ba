import { parseNetworkConditions, PERFECT_NETWORK, type Direction } from '../../net/sim/conditions.js';
import type { NetworkSimulator } from '../../net/sim/network-simulator.js';
import { button, element } from '../dom.js';

const DIRECTIONS: readonly Direction[] = ['outgoing', 'incoming'];
/** Knobs the panel offers: the ones that matter most when trying a game on a bad network. */
const KNOBS = [
  { key: 'latency', label: 'latency ms', read: (d: Direction, s: NetworkSimulator) => s.conditions(d).latencyMs },
  { key: 'jitter', label: 'jitter ms', read: (d: Direction, s: NetworkSimulator) => s.conditions(d).jitterMs },
  { key: 'loss', label: 'loss %', read: (d: Direction, s: NetworkSimulator) => s.conditions(d).loss * 100 },
] as const;

/**
 * The developer panel of the net overlay: latency, jitter and loss per direction for every peer
 * link, applied at run time through the page's NetworkSimulator. Values go through the same
 * parser as `?netsim=`, so the panel cannot set what the address could not.
 */
export function netsimPanel(simulator: NetworkSimulator): HTMLElement {
  const inputs = new Map<string, HTMLInputElement>();
  const result = element('span', { id: 'netsim-result' });
  const fill = (): void => {
    for (const direction of DIRECTIONS) {
      for (const knob of KNOBS) {
        const input = inputs.get(`${direction}-${knob.key}`);
        if (input) input.value = String(Math.round(knob.read(direction, simulator) * 100) / 100);
      }
    }
  };
  const rows = DIRECTIONS.map((direction) => {
    const cells = KNOBS.map((knob) => {
      const input = element('input', { id: `netsim-${direction}-${knob.key}` });
      input.type = 'number';
      input.min = '0';
      input.step = 'any';
      inputs.set(`${direction}-${knob.key}`, input);
      return element('label', { textContent: `${knob.label} ` }, input);
    });
    return element('div', { className: 'netsim-row' }, element('span', { textContent: `${direction}: ` }), ...cells);
  });
  const apply = (): void => {
    const messages: string[] = [];
    for (const direction of DIRECTIONS) {
      const value = (key: string): string => inputs.get(`${direction}-${key}`)?.value.trim() || '0';
      const text = `latency=${value('latency')},jitter=${value('jitter')},loss=${Number(value('loss')) / 100}`;
      const parsed = parseNetworkConditions(text);
      if (!parsed.ok) {
        result.textContent = `${direction}: ${parsed.reason}`;
        return;
      }
      messages.push(`${direction} on ${simulator.set(direction, parsed.value)} link(s)`);
    }
    result.textContent = `applied: ${messages.join(', ')}`;
  };
  const reset = (): void => {
    for (const direction of DIRECTIONS) simulator.set(direction, PERFECT_NETWORK);
    fill();
    result.textContent = 'perfect network';
  };
  fill();
  return element(
    'section',
    { id: 'netsim-panel' },
    element('strong', { textContent: 'Network simulator (this page, every link)' }),
    ...rows,
    button('Apply', apply, 'netsim-apply'),
    button('Perfect', reset, 'netsim-reset'),
    result,
  );
}
