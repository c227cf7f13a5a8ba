import { parseIceServers, type IceServerConfig } from '../src/protocol/lobby-messages.js';
import { fail, ok, type Result } from '../src/util/result.js';
import { readOriginPolicy, type OriginPolicy } from './http/origin-policy.js';
import { isIP } from 'node:net';
import { readCaps, type LobbyCaps } from './limits/lobby-caps.js';
import { readLimits, type LobbyLimits } from './limits/lobby-limits.js';

/** Everything the lobby process reads from its environment, validated once at start-up. */
export interface LobbyConfig {
  readonly port: number;
  readonly host: string;
  readonly iceServers: readonly IceServerConfig[];
  readonly turn: TurnSetting | undefined;
  readonly limits: LobbyLimits;
  readonly caps: LobbyCaps;
  /** Browser origins allowed besides the page's own (`ALLOWED_ORIGINS`). */
  readonly origins: OriginPolicy;
  readonly reconnectGraceSeconds: number;
  /** Shared Redis for several processes; undefined runs the lobby in memory. */
  readonly redisUrl: string | undefined;
  /** `host:port` other processes' clients use to reach this one (scale-out only). */
  readonly publicAddress: string | undefined;
  /** The built-in STUN server's UDP port (`'http'`: the number of PORT), or undefined for none (`STUN_PORT=off`). */
  readonly stunPort: number | 'http' | undefined;
}

/**
 * Where TURN comes from: a coturn run by the operator (`TURN_SECRET`, `TURN_URLS`), or one the
 * lobby process runs itself (`TURN=managed`), whose URLs default to the host each page came from.
 */
export type TurnSetting =
  | { readonly kind: 'shared'; readonly secret: string; readonly urls: readonly string[]; readonly ttlSeconds: number }
  | {
      readonly kind: 'managed';
      readonly port: number;
      /** `TURN_URLS` when set (a relay name other than the page's host); empty: the page's host. */
      readonly urls: readonly string[];
      readonly externalIp: string | undefined;
      readonly ttlSeconds: number;
    };

export const DEFAULT_PORT = 2567;
/** The usual TURN port, UDP and TCP. */
export const DEFAULT_TURN_PORT = 3478;
/**
 * Ten minutes: long enough to join and connect (and to re-join after a reload, which mints a new
 * one), short enough that a leaked or kicked member's credential soon stops opening relays.
 */
const DEFAULT_TURN_TTL_SECONDS = 600;
const DEFAULT_GRACE_SECONDS = 30;

function readIceServers(text: string | undefined): Result<readonly IceServerConfig[]> {
  if (text === undefined || text.trim() === '') return ok([]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('ICE_SERVERS must be JSON, e.g. [{"urls":"stun:stun.example.org:3478"}]');
  }
  const parsed = parseIceServers(json);
  return parsed.ok ? parsed : fail(`ICE_SERVERS: ${parsed.reason}`);
}

function readTurnUrls(env: NodeJS.ProcessEnv): Result<readonly string[]> {
  const urls = (env['TURN_URLS'] ?? '').split(',').map((url) => url.trim()).filter((url) => url !== '');
  const bad = urls.find((url) => !/^turns?:/.test(url));
  return bad === undefined ? ok(urls) : fail(`TURN_URLS: "${bad}" is not a turn: or turns: URL`);
}

function readTurn(env: NodeJS.ProcessEnv): Result<TurnSetting | undefined> {
  const mode = (env['TURN'] ?? '').trim();
  if (mode !== '' && mode !== 'managed') return fail(`TURN must be "managed" (run coturn from this process) or unset, got "${mode}"`);
  const secret = env['TURN_SECRET'] ?? '';
  const urls = readTurnUrls(env);
  if (!urls.ok) return urls;
  const ttlSeconds = readNumber(env['TURN_TTL_SECONDS'], DEFAULT_TURN_TTL_SECONDS);
  if (!(ttlSeconds >= 60)) return fail('TURN_TTL_SECONDS must be at least 60');
  if (mode === 'managed') {
    if (secret !== '') return fail('TURN=managed draws its own secret: unset TURN_SECRET');
    const port = readNumber(env['TURN_PORT'], DEFAULT_TURN_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) return fail(`TURN_PORT must be 1..65535, got "${env['TURN_PORT']}"`);
    const externalIp = env['TURN_EXTERNAL_IP']?.trim() || undefined;
    if (externalIp !== undefined && isIP(externalIp) === 0) return fail(`TURN_EXTERNAL_IP must be an IP address, got "${externalIp}"`);
    return ok({ kind: 'managed', port, urls: urls.value, externalIp, ttlSeconds });
  }
  if (secret === '' && urls.value.length === 0) return ok(undefined);
  if (secret === '' || urls.value.length === 0) return fail('TURN_SECRET and TURN_URLS must be set together (or TURN=managed)');
  return ok({ kind: 'shared', secret, urls: urls.value, ttlSeconds });
}

/** A managed relay's port must not be one the lobby itself listens on (TCP for HTTP, UDP for STUN). */
function turnPortClash(turn: TurnSetting | undefined, port: number, stunPort: number | 'http' | undefined): string | undefined {
  if (turn?.kind !== 'managed') return undefined;
  const stun = stunPort === 'http' ? port : stunPort;
  const taken = [port, ...(stun === undefined ? [] : [stun, stun + 1])];
  return taken.includes(turn.port) ? `TURN_PORT ${turn.port} is taken by the lobby itself (PORT, or STUN_PORT and the port after it)` : undefined;
}

/** STUN_PORT: unset, the HTTP port's number (UDP and TCP ports are separate); `off` runs none. */
function readStunPort(text: string | undefined): Result<number | 'http' | undefined> {
  if (text === undefined || text.trim() === '') return ok('http');
  if (text.trim() === 'off') return ok(undefined);
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65_535 ? ok(port) : fail(`STUN_PORT must be 0..65535 or off, got "${text}"`);
}

function readNumber(text: string | undefined, fallback: number): number {
  return text === undefined || text.trim() === '' ? fallback : Number(text);
}

/** Reads the environment (names in README.md); a bad value stops start-up with its reason. */
export function readLobbyConfig(env: NodeJS.ProcessEnv): Result<LobbyConfig> {
  const portText = env['PORT'] ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`PORT must be 0..65535, got "${portText}"`);
  const iceServers = readIceServers(env['ICE_SERVERS']);
  if (!iceServers.ok) return iceServers;
  const turn = readTurn(env);
  if (!turn.ok) return turn;
  const limits = readLimits(env);
  if (!limits.ok) return limits;
  const caps = readCaps(env);
  if (!caps.ok) return caps;
  const origins = readOriginPolicy(env['ALLOWED_ORIGINS']);
  if (!origins.ok) return origins;
  const reconnectGraceSeconds = readNumber(env['RECONNECT_GRACE_SECONDS'], DEFAULT_GRACE_SECONDS);
  if (!Number.isInteger(reconnectGraceSeconds) || reconnectGraceSeconds < 0) {
    return fail('RECONNECT_GRACE_SECONDS must be a whole number of seconds');
  }
  const stunPort = readStunPort(env['STUN_PORT']);
  if (!stunPort.ok) return stunPort;
  const clash = turnPortClash(turn.value, port, stunPort.value);
  if (clash !== undefined) return fail(clash);
  const redisUrl = env['REDIS_URL']?.trim() || undefined;
  const publicAddress = env['PUBLIC_ADDRESS']?.trim() || undefined;
  // Each process's seat reservations name the address its clients must connect to; without one
  // a client sent to another process fails with "seat reservation expired".
  if (redisUrl !== undefined && (publicAddress === undefined || port === 0)) {
    return fail('with REDIS_URL, set PUBLIC_ADDRESS (host:port reachable by players) and a fixed PORT');
  }
  return ok({
    port,
    host: env['HOST'] ?? '0.0.0.0',
    iceServers: iceServers.value,
    turn: turn.value,
    limits: limits.value,
    caps: caps.value,
    origins: origins.value,
    reconnectGraceSeconds,
    redisUrl,
    publicAddress,
    stunPort: stunPort.value,
  });
}
