/**
 * A hosting player in a process of its own, for tests that kill the host without a goodbye.
 * Hosts a game on the lobby given as the first argument, over real WebRTC (@roamhq/wrtc), in a
 * world given as the second and third arguments, for as many players as the fourth (default 8),
 * and prints `code <CODE>` once the game exists.
 * Run with `node --import tsx`.
 */
import { tagGame } from '../../src/games/tag/tag-game.js';
import { Match } from '../../src/session/match.js';
import { systemScheduler } from '../../src/time/scheduler.js';
import { wrtcLinks } from './wrtc-links.js';

const [lobbyUrl = '', width = '960', height = '540', maxPlayers = '8'] = process.argv.slice(2);
const hosted = await Match.host({
  lobby: lobbyUrl,
  name: 'Host',
  scheduler: systemScheduler,
  game: tagGame({ width: Number(width), height: Number(height) }),
  localInput: () => 0,
  linkFactory: wrtcLinks,
}, { maxPlayers: Number(maxPlayers) });
if (!hosted.ok) {
  process.stderr.write(`could not host: ${hosted.reason}\n`);
  process.exit(1);
}
process.stdout.write(`code ${hosted.value.code}\n`);
