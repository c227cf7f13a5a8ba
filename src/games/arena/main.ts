import { runGame } from '../../index.js';
import { arenaGame } from './arena-game.js';
import { arenaView } from './arena-view.js';

const hud = document.getElementById('hud-area');
if (!hud) throw new Error('index.html needs a #hud-area element');
runGame(arenaGame(), arenaView(hud));
