import { parseIceServers, type IceServerConfig } from '../src/protocol/lobby-messages.js';
import { fail, ok, type Result } from '../src/util/result.js';

/** Everything the lobby process reads from its environment, validated once at start-up. */
export interface LobbyConfig {
  readonly port: number;
  readonly host: string;
  readonly iceServers: readonly IceServerConfig[];
}

export const DEFAULT_PORT = 2567;

/** Reads `PORT`, `HOST` and `ICE_SERVERS` (a JSON list); a bad value stops start-up with its reason. */
export function readLobbyConfig(env: NodeJS.ProcessEnv): Result<LobbyConfig> {
  const portText = env['PORT'] ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`PORT must be 0..65535, got "${portText}"`);
  let iceServers: readonly IceServerConfig[] = [];
  const iceText = env['ICE_SERVERS'];
  if (iceText !== undefined && iceText.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(iceText);
    } catch {
      return fail('ICE_SERVERS must be JSON, e.g. [{"urls":"stun:stun.example.org:3478"}]');
    }
    const parsed = parseIceServers(json);
    if (!parsed.ok) return fail(`ICE_SERVERS: ${parsed.reason}`);
    iceServers = parsed.value;
  }
  return ok({ port, host: env['HOST'] ?? '0.0.0.0', iceServers });
}
