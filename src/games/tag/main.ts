import 'hostmesh/page.css';
import { runGame } from 'hostmesh';
import { tagGame } from './tag-game.js';
import { tagView } from './tag-view.js';

runGame(tagGame(), tagView());
