import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { parseInviteCode } from '../src/protocol/invite-code.js';
import type { GameInvitation, GameListing } from '../src/protocol/lobby-game.js';
import { addressKey } from './limits/address-key.js';
import { errorPage, notFound } from './http/error-pages.js';
import { precompressedFiles } from './http/precompressed-files.js';
import { inlineStyleHashes, securityHeaders } from './http/security-headers.js';
import type { Logger } from './log.js';

export interface StaticSiteOptions {
  /** Folder with the built game; undefined serves only the endpoints (tests of the lobby tier). */
  readonly staticDir: string | undefined;
  readonly gamesList: () => Promise<readonly GameListing[]>;
  /** One game by its invite code, private ones too (see games-list.ts). */
  readonly lookUpGame: (code: string) => Promise<GameInvitation | undefined>;
  /**
   * Takes one join attempt from this address's budget; false: over it. A lookup tells whether a
   * code is a live game as well as a join attempt does, so it spends from the same budget.
   */
  readonly takeJoinAttempt: (address: string) => boolean;
  /** The game's page in `staticDir` (one build holds several games). */
  readonly page: string;
  /** Several lobby processes: a game's WebSocket may go to another host (see security-headers.ts). */
  readonly anySocketHost: boolean;
  readonly logger: Logger;
}

/**
 * Serves the built game next to the lobby, so one process and one port is all a host needs.
 * Invite links (`/join/CODE`) are client-side routes and get the same page. `GET /games` is the
 * public games list the start page polls; `GET /games/CODE` the one game an invite page names
 * (rate-limited like a join attempt). Every response carries the security headers; anything
 * else gets a short plain 404, and errors a short plain status (details in the log).
 */
export function createStaticSite(options: StaticSiteOptions): Express {
  const { staticDir, page } = options;
  const app = express();
  app.disable('x-powered-by');
  const indexFile = staticDir === undefined ? undefined : path.join(staticDir, page);
  if (indexFile !== undefined && !existsSync(indexFile)) throw new Error(`no built game at ${indexFile}: run "npm run build" first`);
  const styleHashes = indexFile === undefined ? [] : inlineStyleHashes(readFileSync(indexFile, 'utf8'));
  app.use(securityHeaders({ styleHashes, anySocketHost: options.anySocketHost }));
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/games', (_request, response) => {
    options.gamesList().then(
      (games) => response.set('Cache-Control', 'no-store').json(games),
      () => response.status(503).json({ error: 'games list unavailable' }),
    );
  });
  app.get('/games/:code', (request, response) => {
    response.set('Cache-Control', 'no-store');
    const code = parseInviteCode(request.params.code);
    if (!code.ok) {
      response.status(400).json({ error: code.reason });
      return;
    }
    const address = addressKey(request.socket.remoteAddress);
    if (address === undefined || !options.takeJoinAttempt(address)) {
      response.status(429).json({ error: 'too many requests: rate limited, try again shortly' });
      return;
    }
    options.lookUpGame(code.value).then(
      (game) => (game ? response.json(game) : response.status(404).json({ error: `no game ${code.value}: it has ended, or the code is wrong` })),
      () => response.status(503).json({ error: 'games list unavailable' }),
    );
  });
  if (staticDir !== undefined && indexFile !== undefined) {
    // Hashed names: a file under /assets never changes, so browsers keep it for a year.
    app.use('/assets', precompressedFiles(path.join(staticDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
    // One middleware for the build's root (it indexes the folder's compressed copies at start).
    const serveRoot = precompressedFiles(staticDir, { maxAge: 0 });
    const sendPage: RequestHandler = (request, response, next) => {
      request.url = `/${page}`;
      serveRoot(request, response, next);
    };
    app.get('/', sendPage);
    app.use(serveRoot);
    app.get('/join/{*code}', sendPage);
  }
  app.use(notFound());
  app.use(errorPage(options.logger));
  return app;
}
