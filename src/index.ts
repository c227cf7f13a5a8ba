/**
 * Hostmesh's public API: everything a game needs, and nothing a game should reach past.
 *
 * A game declares its replicated fields, the host's step, how to add and remove players, how to
 * capture and restore its state, and (optionally) how its own player moves for prediction:
 * `defineGame`. Its browser side is a `GameView`: Phaser render hooks and an input mapping.
 * `runGame(game, view)` does the rest: lobby, invite links, the WebRTC mesh, snapshots,
 * interpolation, prediction, lag-compensated hits, host migration and reloads.
 *
 * docs/GUIDE.md walks through a whole small game (src/games/tag).
 */
export { defineGame } from './game/definition.js';
export type { CapturedEntity, EntityOf, GameDefinition, GameFields, InterestRules, Position, StepContext, Visibility, WorldView } from './game/definition.js';
export { defineVariants } from './game/variants.js';
export type { GameOffer, GameVariant } from './game/variants.js';
export { moveInArena, positionFields, spawnPoint } from './game/movement.js';
export type { ArenaSize } from './game/movement.js';
export { TICK_MS, TICK_RATE, TICK_SECONDS } from './game/tick.js';
export type { FieldSpec, PositionFieldSpec } from './replication/schema.js';
export { MAX_SLOTS } from './protocol/peer-messages.js';
export type { RosterEntry } from './protocol/peer-messages.js';
export { Match } from './session/match.js';
export type { MatchOptions, MatchPlayer, MatchRole, MatchStatus } from './session/match.js';
export { Controls } from './view/controls.js';
export type { GameView, RenderFrame } from './view/game-view.js';
export { ARENA_RESIZED } from './view/arena-events.js';
export type { ArenaBox } from './view/arena-events.js';
export { EntitySprites } from './view/entity-sprites.js';
export { addLabel, drawGridFloor, makeSlotCircles, SLOT_COLORS } from './view/draw-kit.js';
export { runGame } from './view/run-game.js';

// Social and diagnostics: runGame shows them; exported for games with their own shell.
export { ChatChannel } from './social/chat-channel.js';
export type { ChatChannelOptions, ChatDrops } from './social/chat-channel.js';
export { ChatLog } from './social/chat-log.js';
export type { ChatLine } from './social/chat-log.js';
export { cleanChatText, MAX_CHAT_TEXT_LENGTH } from './social/chat-text.js';
export { VoiceChat } from './social/voice-chat.js';
export type { MicrophoneState, VoiceLink } from './social/voice-chat.js';
export { netOverlayModel } from './view/overlay/net-overlay-model.js';
export type { NetOverlayInput, NetOverlayModel } from './view/overlay/net-overlay-model.js';
export { encodeQr } from './qr/qr-encode.js';
export type { QrCode, QrOptions } from './qr/qr-encode.js';
export { qrSvg } from './view/qr-svg.js';
