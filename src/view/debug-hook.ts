import type { Match, MatchPlayer, MatchRole, MatchStatus } from '../session/match.js';

/** What end-to-end tests read from a page instead of guessing from pixels. */
export interface DebugState {
  readonly status: MatchStatus | 'lobby';
  readonly role: MatchRole | undefined;
  readonly code: string | undefined;
  readonly players: readonly MatchPlayer[];
  readonly dropped: { readonly malformed: number; readonly unauthorized: number };
}

export interface DebugHook {
  state(): DebugState;
}

/** Installs `window.__hostmesh`, reading the current match lazily on every call. */
export function installDebugHook(target: Window, currentMatch: () => Match | undefined): void {
  const hook: DebugHook = {
    state() {
      const match = currentMatch();
      return {
        status: match?.status ?? 'lobby',
        role: match?.role,
        code: match?.code,
        players: match?.players() ?? [],
        dropped: { ...(match?.dropped ?? { malformed: 0, unauthorized: 0 }) },
      };
    },
  };
  Object.defineProperty(target, '__hostmesh', { value: hook, configurable: true });
}
