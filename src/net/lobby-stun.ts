import type { IceServerConfig, WelcomePayload } from '../protocol/lobby-messages.js';

/**
 * The welcome's ICE servers plus the lobby's own STUN server, at the host name this client reaches
 * the lobby by: the page's own host in a browser, so a player learns its public address from the
 * server it already reaches, with nothing to configure. A lobby with no address (in memory) or
 * no STUN server adds nothing.
 */
export function withLobbyStun(welcome: Pick<WelcomePayload, 'iceServers' | 'stunPort'>, hostName: string | undefined): IceServerConfig[] {
  if (welcome.stunPort === null || hostName === undefined || hostName === '') return [...welcome.iceServers];
  return [{ urls: `stun:${hostName}:${welcome.stunPort}` }, ...welcome.iceServers];
}
