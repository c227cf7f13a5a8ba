import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built game next to the lobby, so one process and one port is all a host needs.
 * Invite links (`/join/CODE`) are client-side routes and get the same page.
 */
export function createStaticSite(staticDir: string | undefined): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  if (staticDir === undefined) return app;
  const indexFile = path.join(staticDir, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`no built game at ${indexFile}: run "npm run build" first`);
  app.use(
    '/assets',
    express.static(path.join(staticDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(staticDir, { index: 'index.html', maxAge: 0 }));
  app.get('/join/{*code}', (_request, response) => {
    response.sendFile(indexFile);
  });
  return app;
}
