import { createLogger } from './log.js';
import { startLobbyServer, type StartLobbyServerOptions } from './start-server.js';

/**
 * Runs the server as this process's one job (`npm start`, `hostmesh serve`): production
 * behaviour unless asked otherwise (Express and Colyseus print development hints otherwise),
 * the URLs printed, a failed start (bad setting, taken port, no build) reported in one line with exit code 1, and SIGTERM/SIGINT
 * closing every port before the process exits.
 */
export async function serveUntilSignalled(options: Omit<StartLobbyServerOptions, 'logger' | 'env'>): Promise<void> {
  process.env['NODE_ENV'] ??= 'production';
  const logger = createLogger();
  const server = await startLobbyServer({ ...options, logger }).catch((error: unknown) => {
    // A wrong setting, a taken port, a missing build: one line that says which, no stack trace
    // (in the log for collectors, and on stderr for the person at the terminal).
    const reason = error instanceof Error ? error.message : String(error);
    logger.fatal(reason);
    process.stderr.write(`hostmesh: could not start: ${reason}\n`);
    process.exitCode = 1;
    return undefined;
  });
  if (server === undefined) return;
  process.stdout.write(`\n${server.describe()}\n`);
  const shutdown = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
