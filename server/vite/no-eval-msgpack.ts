import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * Points msgpackr (and Colyseus's fork of it) at their builds that never generate code at run
 * time: the server's Content-Security-Policy has no 'unsafe-eval', and with it the default build
 * would fail on the first snapshot.
 */
export function noEvalMsgpack(): Plugin {
  const require = createRequire(import.meta.url);
  const colyseus = createRequire(require.resolve('colyseus.js'));
  return {
    name: 'hostmesh-no-eval-msgpack',
    config: () => ({
      resolve: {
        alias: [
          { find: /^msgpackr$/, replacement: require.resolve('msgpackr/index-no-eval') },
          { find: /^@colyseus\/msgpackr$/, replacement: colyseus.resolve('@colyseus/msgpackr/index-no-eval') },
        ],
      },
    }),
  };
}
