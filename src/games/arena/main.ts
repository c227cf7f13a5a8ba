import { runGame } from '../../index.js';
import { arenaGame, ARENA_SIZE } from './arena-game.js';
import { arenaView } from './arena-view.js';
import { RULES } from './rules.js';

/** `?round=SECONDS` (10–600) sets the round length of games this page hosts; 90 s otherwise. */
function roundSeconds(search: string): number {
  const text = new URLSearchParams(search).get('round');
  if (text === null) return RULES.roundSeconds;
  const seconds = Number(text);
  if (Number.isInteger(seconds) && seconds >= 10 && seconds <= 600) return seconds;
  console.warn(`Zap Arena: ?round must be a whole number of seconds from 10 to 600, got "${text}"; using ${RULES.roundSeconds}`);
  return RULES.roundSeconds;
}

const hud = document.getElementById('hud-area');
if (!hud) throw new Error('index.html needs a #hud-area element');
runGame(arenaGame(ARENA_SIZE, roundSeconds(window.location.search)), arenaView(hud));
