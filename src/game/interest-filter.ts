import { allocateState, type QuantizedState } from '../replication/quantized-state.js';
import type { Entity, GameFields, InterestRules } from './definition.js';
import type { ReplicatedGame } from './replicated-game.js';

/**
 * Priority weights when a snapshot cannot hold every change: the viewer's own player and what is
 * nearest weigh most, so they are resent most often; far and always-visible entities weigh 1 and
 * still climb each snapshot they wait (priority.ts), so nothing starves.
 */
const MAX_WEIGHT = 4;

/** One viewer's share of a captured state. */
export interface RelevantView {
  /** The entities this viewer may see, in the state's own (ascending id) order. */
  readonly state: QuantizedState;
  /** How urgently an entity of `state` goes when not all changes fit (1 to MAX_WEIGHT). */
  readonly weight: (id: number) => number;
}

/**
 * Interest management on the host: cuts the captured world down to what one peer may see (the
 * game's InterestRules) before it is diffed and encoded for that peer, so an entity the peer must
 * not see is never in its bytes, full snapshots included. The captured state is read back into
 * game units once per capture and shared by every viewer.
 */
export class InterestFilter {
  private source: QuantizedState | undefined;
  private entities: Entity[] = [];
  private readonly byId = new Map<number, Entity>();

  constructor(
    private readonly game: ReplicatedGame<unknown>,
    private readonly rules: InterestRules<GameFields>,
  ) {}

  /**
   * The part of `state` the peer in `viewerSlot` may see (`undefined`: a spectator). A player whose
   * own entity is not in the state yet sees only what is always visible: its place is unknown, so
   * nothing can be near it.
   */
  viewFor(state: QuantizedState, viewerSlot: number | undefined): RelevantView {
    this.read(state);
    const viewer = viewerSlot === undefined ? undefined : this.byId.get(viewerSlot);
    const placeless = viewerSlot !== undefined && viewer === undefined;
    const rows: number[] = [];
    const weights = new Map<number, number>();
    for (let row = 0; row < this.entities.length; row += 1) {
      const entity = this.entities[row];
      if (entity === undefined) continue;
      const weight = this.weightOf(entity, viewer, placeless);
      if (weight === 0) continue;
      rows.push(row);
      if (weight !== 1) weights.set(entity.id, weight);
    }
    return { state: subset(state, rows), weight: (id) => weights.get(id) ?? 1 };
  }

  /** 0: not for this viewer; otherwise its priority weight. */
  private weightOf(entity: Entity, viewer: Entity | undefined, placeless: boolean): number {
    if (viewer !== undefined && entity.id === viewer.id) return MAX_WEIGHT;
    const visibility = this.rules.visibility?.(entity, viewer) ?? 'near';
    if (visibility === 'never') return 0;
    if (visibility === 'always') return 1;
    if (placeless) return 0;
    const radius = this.rules.radius;
    if (radius === undefined || viewer === undefined) return 1;
    const distance = Math.hypot(entity.x - viewer.x, entity.y - viewer.y);
    if (distance > radius) return 0;
    return 1 + Math.round((MAX_WEIGHT - 2) * (1 - distance / radius));
  }

  /** Reads a newly captured state into entities (once per capture, whatever the number of viewers). */
  private read(state: QuantizedState): void {
    if (this.source === state) return;
    this.source = state;
    this.entities = [];
    this.byId.clear();
    for (let row = 0; row < state.ids.length; row += 1) {
      const entity = this.game.entityAt(state, row);
      this.entities.push(entity);
      this.byId.set(entity.id, entity);
    }
  }
}

/** The rows `rows` (ascending) of `state`, as a state of their own. */
function subset(state: QuantizedState, rows: readonly number[]): QuantizedState {
  if (rows.length === state.ids.length) return state;
  const fieldCount = state.ids.length === 0 ? 0 : state.values.length / state.ids.length;
  const { ids, values } = allocateState(rows.length, fieldCount);
  rows.forEach((row, index) => {
    ids[index] = state.ids[row] ?? 0;
    values.set(state.values.subarray(row * fieldCount, (row + 1) * fieldCount), index * fieldCount);
  });
  return { tick: state.tick, ids, values };
}
