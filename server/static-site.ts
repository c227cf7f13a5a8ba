import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { GameListing } from '../src/protocol/lobby-game.js';

/**
 * Serves the built game next to the lobby, so one process and one port is all a host needs.
 * `page` is the game's page (one build holds several games); invite links (`/join/CODE`) are
 * client-side routes and get the same page. `GET /games` is the
 * public games list the start page polls.
 */
export function createStaticSite(staticDir: string | undefined, gamesList: () => Promise<readonly GameListing[]>, page = 'index.html'): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/games', (_request, response) => {
    gamesList().then(
      (games) => response.set('Cache-Control', 'no-store').json(games),
      () => response.status(503).json({ error: 'games list unavailable' }),
    );
  });
  if (staticDir === undefined) return app;
  const indexFile = path.join(staticDir, page);
  if (!existsSync(indexFile)) throw new Error(`no built game at ${indexFile}: run "npm run build" first`);
  app.use(
    '/assets',
    express.static(path.join(staticDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.get('/', (_request, response) => {
    response.sendFile(indexFile);
  });
  app.use(express.static(staticDir, { index: false, maxAge: 0 }));
  app.get('/join/{*code}', (_request, response) => {
    response.sendFile(indexFile);
  });
  return app;
}
