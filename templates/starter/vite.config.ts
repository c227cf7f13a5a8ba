import { hostmesh } from 'hostmesh/vite';
import { defineConfig } from 'vite';

// `vite` (npm run dev) runs the lobby inside the dev server: open its URL, host, and send the
// invite link; edits reload the page and it takes its seat back.
// `leanPhaser`: the build carries only the part of Phaser the game uses. Using more of Phaser
// (scene.add.tileSprite, say)? List it: `leanPhaser: { add: ['gameobjects/tilesprite/TileSpriteFactory.js'] }`,
// or drop the option for the whole of Phaser.
export default defineConfig({
  plugins: [hostmesh({ leanPhaser: true })],
});
