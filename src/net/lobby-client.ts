import type { GameSettings } from '../protocol/lobby-game.js';
import {
  LobbyMessage,
  parseHostChange,
  parseLockState,
  parseMemberJoined,
  parseMemberLeft,
  parseSignalDelivery,
  type IceServerConfig,
  type MemberInfo,
  type WelcomePayload,
} from '../protocol/lobby-messages.js';
import { parseEmpty, parseReadyChanged } from '../protocol/lobby-waiting-room.js';
import { parseInviteCode } from '../protocol/invite-code.js';
import { Emitter } from '../util/emitter.js';
import { ok, type Result } from '../util/result.js';
import { withLobbyStun } from './lobby-stun.js';
import type { NatProbeTargets } from './nat-probe.js';
import { offersRelay } from './connect-diagnosis.js';
import { delay, runtime, type SessionOptions, type SessionRuntime } from './lobby-session-runtime.js';
import { asResult, enterRoom, identity, isFinalRefusal, isKicked, isLockedOut, type Entered, type Identity } from './lobby-entry.js';
import { parseLobbyError } from './lobby-errors.js';
import type { LobbyEvents } from './lobby-events.js';
import { reattachDelay, reenterRoom } from './lobby-reattach.js';
import { KeyTagBook } from './key-tag-book.js';
import type { LobbyEndpoint, LobbyRoomConnection, LobbyTransport } from './lobby-transport.js';

export { newPlayerKey } from '../protocol/lobby-game.js';
export type { EntryOptions } from './lobby-entry.js';
export type { SessionOptions } from './lobby-session-runtime.js';
export type { LobbyEvents } from './lobby-events.js';

const RECONNECT_ATTEMPTS = 5;
const RECONNECT_RETRY_MS = 250;
/** `disconnected` code when the session stopped trying to re-enter the room. */
export const GAVE_UP_CODE = 4_990;

/**
 * A player's connection to one lobby room, over any LobbyTransport (colyseus.js in the browser,
 * in memory in simulations). Every message from the lobby is validated before it is emitted;
 * invalid ones are counted in `droppedMessages`. Keeps the member list, the join order, the host
 * flag, ready flags and the started state current so views and the match can read them.
 *
 * The object outlives its lobby connection: if the lobby restarts, the session enters the room
 * again (see lobby-reattach.ts) and swaps its inner room, so the mesh and the match keep their
 * reference and their event subscriptions.
 */
export class LobbySession {
  readonly events = new Emitter<LobbyEvents>();
  droppedMessages = 0;
  /**
   * Arrivals and signals refused because the lobby gave a peer id we knew to another browser
   * (after a lobby restart, see KeyTagBook): that member is left out of `members`.
   */
  impostorMessages = 0;
  /** The others in the room (spectators included, see `MemberInfo.spectator`). */
  readonly members = new Map<string, MemberInfo>();
  /** The lobby's host flag; undefined while it is vacant (see MemberRoster on the lobby). */
  hostId: string | undefined;
  locked: boolean;
  /** The host started the game. */
  started: boolean;
  /** Our own ready flag as the lobby confirmed it. */
  ready: boolean;
  private state: 'connected' | 'reattaching' | 'closed' = 'connected';
  private kicked = false;
  private current: WelcomePayload;
  private readonly identity: Identity;
  /** See `joinOrder`. */
  private order: readonly string[];
  private matchHost: () => string | undefined = () => this.hostId;
  /** Which browser holds each peer id we have met in this game (see KeyTagBook). */
  private readonly tags = new KeyTagBook();
  /**
   * The game had started before the lobby restarted and its re-created room does not know it yet:
   * whoever holds the new room's flag (maybe only later) tells it again.
   */
  private startLost = false;

  private constructor(
    private room: LobbyRoomConnection,
    welcome: WelcomePayload,
    entry: Identity,
    private readonly run: SessionRuntime,
  ) {
    this.current = welcome;
    this.identity = { ...entry, peerId: welcome.self, spectate: welcome.spectator };
    this.hostId = welcome.hostId ?? undefined;
    this.locked = welcome.game.locked;
    this.started = welcome.started;
    this.ready = welcome.ready;
    this.tags.vouch({ id: welcome.self, keyTag: welcome.keyTag });
    this.takeMembers(welcome);
    this.order = welcome.order;
    this.listen();
  }

  /** Creates a new game (private unless `settings.isPublic`) and joins it as the host. */
  static async host(endpoint: LobbyEndpoint, name: string, settings: Partial<GameSettings> = {}, options: SessionOptions = {}): Promise<Result<LobbySession>> {
    const me = identity(name, options);
    return LobbySession.open(runtime(endpoint, options), me, (lobby) => lobby.create({ ...settings, ...me }));
  }

  /** Joins the game with this invite code (as a spectator with `options.spectate`). */
  static async join(endpoint: LobbyEndpoint, code: string, name: string, options: SessionOptions = {}): Promise<Result<LobbySession>> {
    const parsed = parseInviteCode(code);
    if (!parsed.ok) return parsed;
    const me = identity(name, options);
    return LobbySession.open(runtime(endpoint, options), me, (lobby) => lobby.joinById(parsed.value, { ...me }));
  }

  /** Joins any public game with a free player seat (the lobby picks it); never as a spectator. */
  static async quickJoin(endpoint: LobbyEndpoint, name: string, options: SessionOptions = {}): Promise<Result<LobbySession>> {
    const me = identity(name, { ...options, spectate: false });
    return LobbySession.open(runtime(endpoint, options), me, (lobby) => lobby.quickJoin({ ...me, hasSeat: true }));
  }

  /**
   * Takes back a seat lost less than the grace period ago; tokens are single-use. A reload can
   * be faster than the lobby noticing the old socket is gone, so a refused token is retried a
   * few times. When the token is no good (the grace period passed, or the lobby restarted and
   * forgot it), a page that knows its peer id (`options.peerId`) enters the token's game by code
   * as that same peer: the lobby ranks it where it was, and the match's host gives it back the
   * slot it keeps for it. `name` and `options` are used if the lobby later restarts.
   */
  static async reconnect(endpoint: LobbyEndpoint, token: string, name = '', options: SessionOptions = {}): Promise<Result<LobbySession>> {
    const me = identity(name, options);
    const run = runtime(endpoint, options);
    let result = await LobbySession.open(run, me, (lobby) => lobby.reconnect(token));
    for (let attempt = 1; attempt < RECONNECT_ATTEMPTS && !result.ok; attempt += 1) {
      await delay(run.scheduler, RECONNECT_RETRY_MS);
      result = await LobbySession.open(run, me, (lobby) => lobby.reconnect(token));
    }
    const code = parseInviteCode(token.split(':')[0] ?? '');
    if (result.ok || options.peerId === undefined || !code.ok) return result;
    return LobbySession.open(run, me, (lobby) => lobby.joinById(code.value, { ...me }));
  }

  private static async open(run: SessionRuntime, me: Identity, join: (lobby: LobbyTransport) => Promise<LobbyRoomConnection>): Promise<Result<LobbySession>> {
    const entered = asResult(await enterRoom(() => join(run.lobby), run.scheduler));
    if (!entered.ok) return entered;
    return ok(new LobbySession(entered.value.room, entered.value.welcome, me, run));
  }

  /** The latest welcome (a new one after every reattachment; the code never changes). */
  get welcome(): WelcomePayload {
    return this.current;
  }

  /** The ICE servers of our links: the lobby's list, and its own STUN server if it runs one. */
  get iceServers(): readonly IceServerConfig[] {
    return withLobbyStun(this.current, this.run.lobby.hostName);
  }

  /** The lobby's STUN server at both its ports, to probe our NAT with (undefined: it has no second port). */
  get natProbeTargets(): NatProbeTargets | undefined {
    const { stunPort, stunProbePort } = this.current;
    const hostName = this.run.lobby.hostName;
    if (stunPort === null || stunProbePort === null || hostName === undefined || hostName === '') return undefined;
    return { stun: `stun:${hostName}:${stunPort}`, probe: `stun:${hostName}:${stunProbePort}` };
  }

  /** The lobby hands out a TURN relay (players behind strict NATs can still be reached). */
  get relayOffered(): boolean {
    return offersRelay(this.current.iceServers);
  }

  /** Our peer id: our member id in the room, chosen by us and kept across reattachments. */
  get selfId(): string {
    return this.current.self;
  }

  /**
   * Every member (ourselves included) in the order they first entered the game: the host
   * election's ranking. The lobby keeps it (a peer back from a reload keeps its place) and sends
   * it with every welcome and arrival; while the lobby is away the last one known stands.
   */
  get joinOrder(): readonly string[] {
    return this.order;
  }

  /** We watch only: no player, no inputs, never the host. */
  get spectator(): boolean {
    return this.current.spectator;
  }

  /** True while the lobby connection is down and the session is trying to get back in. */
  get reattaching(): boolean {
    return this.isReattaching();
  }

  /** Give this to `reconnect` after a reload (kept in sessionStorage); it changes on every join. */
  get reconnectionToken(): string {
    return this.room.reconnectionToken;
  }

  /**
   * Tells the session who hosts the match now (the match's election, which the lobby may not have
   * heard while it was down). If the lobby restarts, that peer re-creates the room.
   */
  followMatchHost(current: () => string | undefined): void {
    this.matchHost = current;
  }

  /** Relays an opaque signaling payload to another member of the room. */
  sendSignal(to: string, data: string): void {
    this.send(LobbyMessage.Signal, { to, data });
  }

  /** Host only: removes a member, who cannot come back to this game from this browser. */
  kick(id: string): void {
    this.send(LobbyMessage.Kick, { id });
  }

  /** Host only: closes (or reopens) the game to new players. */
  lock(locked: boolean): void {
    this.send(LobbyMessage.Lock, { locked });
  }

  /** Players only: says we are (not) ready; everyone sees `ready-changed` once the lobby accepts it. */
  setReady(ready: boolean): void {
    this.send(LobbyMessage.Ready, { ready });
  }

  /** Host only: starts the game; everyone gets `started`, and the games list shows it as playing. */
  start(): void {
    this.send(LobbyMessage.Start, {});
  }

  /** Tells the lobby the match moved authority to `hostId` (sent by the new or the old host). */
  reportHostMigration(hostId: string): void {
    if (hostId !== this.hostId) this.send(LobbyMessage.HostMigrated, { hostId });
  }

  /**
   * The page is going away, maybe to come back (a reload): stops any attempt to re-enter the room
   * and drops the connection without leaving, so the lobby holds the seat for its grace period.
   */
  abandon(): void {
    if (this.state === 'closed') return;
    const wasConnected = this.state === 'connected';
    this.state = 'closed';
    if (wasConnected) this.room.drop();
  }

  /** Leaves the room on purpose (and stops any attempt to re-enter it). */
  async leave(): Promise<void> {
    if (this.state === 'closed') return;
    const wasConnected = this.state === 'connected';
    this.state = 'closed';
    if (wasConnected) await this.room.leave();
  }

  /** Messages while the lobby is down are dropped: signals are retried by WebRTC, flags re-sent on reattach. */
  private send(type: string, payload: unknown): void {
    if (this.state === 'connected') this.room.send(type, payload);
  }

  private listen(): void {
    this.forward(LobbyMessage.MemberJoined, parseMemberJoined, 'member-joined', ({ order, ...member }) => {
      this.members.set(member.id, member);
      this.order = order;
    }, (member) => this.vouched(member));
    // An impostor leaving is no news: the real peer was never gone from our links.
    this.forward(LobbyMessage.MemberLeft, parseMemberLeft, 'member-left', ({ id, order }) => {
      this.members.delete(id);
      this.order = order;
    }, ({ id }) => !this.tags.impostorLeft(id));
    this.forward(LobbyMessage.HostChanged, parseHostChange, 'host-changed', ({ hostId }) => {
      this.hostId = hostId ?? undefined;
      this.restoreStarted();
    });
    this.forward(LobbyMessage.Locked, parseLockState, 'locked', ({ locked }) => (this.locked = locked));
    this.forward(LobbyMessage.ReadyChanged, parseReadyChanged, 'ready-changed', ({ id, ready }) => this.applyReady(id, ready));
    this.forward(LobbyMessage.Started, parseEmpty, 'started', () => {
      this.started = true;
      this.startLost = false;
    });
    this.forward(LobbyMessage.Kicked, () => ok({}), 'kicked', () => (this.kicked = true));
    this.forward(LobbyMessage.Signal, parseSignalDelivery, 'signal', undefined, ({ from }) => this.vouched({ id: from }));
    this.forward(LobbyMessage.Error, parseLobbyError, 'lobby-error');
    const room = this.room;
    room.onLeave((code) => {
      if (room !== this.room || this.state !== 'connected') return;
      if (this.kicked) {
        this.state = 'closed';
        this.events.emit('disconnected', { code });
        return;
      }
      this.state = 'reattaching';
      this.events.emit('connection-lost', { code });
      void this.reattach(code);
    });
  }

  /** A method, not a property read, so the checks after each `await` are not narrowed away. */
  private isReattaching(): boolean {
    return this.state === 'reattaching';
  }

  /**
   * False (and counted) for an impostor: a member the lobby names with a peer id we knew under
   * another browser's key tag, or a signal from one.
   */
  private vouched(member: { readonly id: string; readonly keyTag?: string }): boolean {
    const genuine = member.keyTag === undefined ? !this.tags.isImpostor(member.id) : this.tags.vouch({ id: member.id, keyTag: member.keyTag });
    if (!genuine) this.impostorMessages += 1;
    return genuine;
  }

  /** Takes the members of a welcome, impostors left out. */
  private takeMembers(welcome: WelcomePayload): void {
    this.members.clear();
    for (const member of welcome.members) if (this.vouched(member)) this.members.set(member.id, member);
  }

  private applyReady(id: string, ready: boolean): void {
    if (id === this.selfId) this.ready = ready;
    const member = this.members.get(id);
    if (member) this.members.set(id, { ...member, ready });
  }

  /** Tries to enter the room again until it works, a refusal is final, or the policy gives up. */
  private async reattach(code: number): Promise<void> {
    const { scheduler, policy } = this.run;
    const lostAt = scheduler.now();
    for (let attempt = 0; this.isReattaching(); attempt += 1) {
      await delay(scheduler, reattachDelay(attempt, policy, this.run.random));
      if (!this.isReattaching()) return;
      const overdue = scheduler.now() - lostAt >= policy.adoptAfterMs;
      const result = await reenterRoom({
        lobby: this.run.lobby,
        scheduler,
        code: this.current.code,
        identity: this.identity,
        game: { ...this.current.game, locked: this.locked },
        order: this.order,
        keyTags: (peers) => this.tags.tagsOf(peers),
        create: overdue || this.matchHost() === this.selfId,
      });
      if (result.ok) {
        if (this.isReattaching()) this.adopt(result.value);
        else await result.value.room.leave(); // left while we were entering
        return;
      }
      if (isKicked(result.error)) {
        // The host removed us while we were away (we never heard it): the same news, late.
        this.state = 'closed';
        this.events.emit('kicked', {});
        this.events.emit('disconnected', { code });
        return;
      }
      if (isLockedOut(result.error)) {
        this.state = 'closed';
        this.events.emit('shut-out', { reason: result.reason });
        this.events.emit('disconnected', { code });
        return;
      }
      if (isFinalRefusal(result.error) || scheduler.now() - lostAt >= policy.giveUpAfterMs) break;
    }
    if (!this.isReattaching()) return;
    this.state = 'closed';
    this.events.emit('disconnected', { code: code === 0 ? GAVE_UP_CODE : code });
  }

  /** Swaps in the new room, takes its welcome, and re-sends what the new room cannot know. */
  private adopt({ room, welcome }: Entered): void {
    const known = new Set(this.members.keys());
    // Asked before the new welcome overwrites the flag: a member may have slipped into the new room
    // before its creator, and holds the lobby's flag there for now.
    const hosting = this.matchHost() === this.selfId;
    this.room = room;
    this.current = welcome;
    this.state = 'connected';
    this.hostId = welcome.hostId ?? undefined;
    this.locked = welcome.game.locked;
    this.order = welcome.order;
    const wasStarted = this.started;
    const wasReady = this.ready;
    this.started = welcome.started;
    this.ready = welcome.ready;
    this.takeMembers(welcome);
    this.listen();
    this.startLost = wasStarted && !welcome.started;
    if (hosting) this.reportHostMigration(this.selfId);
    this.restoreStarted();
    if (wasReady && !welcome.ready && !this.spectator) this.setReady(true);
    for (const member of this.members.values()) if (!known.has(member.id)) this.events.emit('member-joined', { ...member, order: welcome.order });
    this.events.emit('reattached', welcome);
  }

  /** Re-sends `start` to a re-created room that lost it, once this page holds the flag there. */
  private restoreStarted(): void {
    if (!this.startLost || this.hostId !== this.selfId) return;
    this.startLost = false;
    this.start();
  }

  private forward<K extends keyof LobbyEvents>(
    type: string,
    parse: (value: unknown) => Result<LobbyEvents[K]>,
    event: K,
    apply: (value: LobbyEvents[K]) => void = () => undefined,
    /** False: the message is refused (and counted by the predicate itself), neither applied nor emitted. */
    accept: (value: LobbyEvents[K]) => boolean = () => true,
  ): void {
    const room = this.room;
    room.onMessage(type, (message) => {
      if (room !== this.room) return;
      const parsed = parse(message);
      if (!parsed.ok) {
        this.droppedMessages += 1;
        return;
      }
      if (!accept(parsed.value)) return;
      apply(parsed.value);
      this.events.emit(event, parsed.value);
    });
  }
}
