import { ClientSession, type ClientSessionOptions } from '../../src/session/client-session.js';

/**
 * A ClientSession that follows one fixed host and nobody else, for replication tests that run a
 * HostSession and its clients without a Match (no election, no lobby).
 */
export function followingClient<State>(options: Omit<ClientSessionOptions<State>, 'authority'> & { readonly hostId: string }): ClientSession<State> {
  const { hostId, ...rest } = options;
  const client = new ClientSession<State>({
    ...rest,
    authority: { claim: (from) => (from === hostId ? 'current' : 'refused'), hostYielded: () => false },
  });
  client.follow({ hostId, epoch: 0 });
  return client;
}
