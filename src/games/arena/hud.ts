import type { RenderFrame } from 'hostmesh';
import { Kind, PHASES, type ArenaEntity, type ArenaFields } from './arena-game.js';

/** One line of the scoreboard. */
export interface ScoreLine {
  readonly slot: number;
  readonly name: string;
  readonly score: number;
  readonly isSelf: boolean;
  /** Round trip to this player in ms; undefined for ourselves or before it is measured. */
  readonly pingMs: number | undefined;
}

/** The scoreboard from a frame: every player of the game, best first (ties by slot, so every page lists them alike). */
export function scoreLines(frame: RenderFrame<ArenaFields>): ScoreLine[] {
  const scores = new Map(frame.entities.filter((entity) => entity.kind === Kind.Fighter).map((entity) => [entity.id, entity.score]));
  return frame.roster
    .map(({ slot, peerId, name }) => ({
      slot,
      name,
      score: scores.get(slot) ?? 0,
      isSelf: slot === frame.selfSlot,
      pingMs: slot === frame.selfSlot ? undefined : frame.rttMs.get(peerId),
    }))
    .sort((a, b) => b.score - a.score || a.slot - b.slot);
}

function clockText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The HUD around the arena: round clock, scores with each player's ping, and the results
 * screen between rounds. Plain DOM (readable by screen readers and by tests); it rewrites an
 * element only when its text changes.
 */
export class ArenaHud {
  private readonly clock: HTMLElement;
  private readonly scores: HTMLOListElement;
  private readonly results: HTMLElement;
  private readonly written = new WeakMap<HTMLElement, string>();

  constructor(parent: HTMLElement) {
    const root = parent.ownerDocument.createElement('div');
    root.className = 'hud';
    root.innerHTML = '<div class="hud-clock" id="hud-clock"></div><ol class="hud-scores" id="hud-scores"></ol><div class="hud-results" id="hud-results" hidden></div>';
    parent.append(root);
    this.clock = root.querySelector('#hud-clock') ?? root;
    this.scores = root.querySelector('ol') ?? parent.ownerDocument.createElement('ol');
    this.results = root.querySelector('#hud-results') ?? root;
  }

  update(frame: RenderFrame<ArenaFields>, board: ArenaEntity | undefined): void {
    const lines = scoreLines(frame);
    const seconds = board?.clock ?? 0;
    const phase = PHASES[board?.phase ?? 0];
    const showingResults = phase === 'results';
    this.write(this.clock, !board ? '' : phase === 'warmup' ? 'Warm-up: the round starts when the host presses Start' : `Round ${board.round} · ${showingResults ? `next round in ${seconds}s` : clockText(seconds)}`);
    const scoreHtml = lines
      .map((line) => `<li data-slot="${line.slot}"${line.isSelf ? ' class="self"' : ''}><span class="name"></span> <b>${line.score}</b> <small>${line.pingMs === undefined ? '' : `ping ${Math.round(line.pingMs)} ms`}</small></li>`)
      .join('');
    if (this.write(this.scores, scoreHtml, true)) {
      // Names are user input: set as text, never as HTML.
      this.scores.querySelectorAll('li').forEach((item, index) => {
        const name = item.querySelector('.name');
        if (name) name.textContent = lines[index]?.name ?? '';
      });
    }
    this.results.hidden = !showingResults;
    if (showingResults) {
      const winner = lines[0];
      this.write(this.results, `${winner ? `${winner.name} wins with ${winner.score}!` : 'Round over'}\n${lines.map((line, i) => `${i + 1}. ${line.name} — ${line.score}`).join('\n')}`);
    }
  }

  /** Writes only on change; returns true when it wrote. */
  private write(element: HTMLElement, content: string, asHtml = false): boolean {
    if (this.written.get(element) === content) return false;
    this.written.set(element, content);
    if (asHtml) element.innerHTML = content;
    else element.textContent = content;
    return true;
  }
}
