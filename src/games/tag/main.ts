import { runGame } from '../../index.js';
import { tagGame } from './tag-game.js';
import { tagView } from './tag-view.js';

runGame(tagGame(), tagView());
