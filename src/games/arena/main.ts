import 'hostmesh/page.css';
import { runGame } from 'hostmesh';
import { arenaVariants, MAX_GEMS } from './arena-game.js';
import { arenaView } from './arena-view.js';
import { DEFAULT_OPTIONS, type ArenaOptions } from './rules.js';

/** A whole-number page parameter within bounds, or the default (with a warning when it was bad). */
function readParameter(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const text = params.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  console.warn(`Zap Arena: ?${name} must be a whole number from ${min} to ${max}, got "${text}"; using ${fallback}`);
  return fallback;
}

/** `?round=SECONDS` (10–600) and `?gems=N` (1–240; six times as many in the large arena) set up the games this page hosts. */
function hostOptions(search: string): ArenaOptions {
  const params = new URLSearchParams(search);
  return {
    roundSeconds: readParameter(params, 'round', 10, 600, DEFAULT_OPTIONS.roundSeconds),
    gems: readParameter(params, 'gems', 1, MAX_GEMS, DEFAULT_OPTIONS.gems),
  };
}

const hud = document.getElementById('hud-area');
if (!hud) throw new Error('index.html needs a #hud-area element');
runGame(arenaVariants(hostOptions(window.location.search)), arenaView(hud));
