import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchMaker } from '@colyseus/core';
import type { OpenCall } from './seat-ledger.js';

export interface CallTracker {
  /**
   * Hands a request the gate has admitted (its body already read and checked) to Colyseus, and
   * settles `call` with Colyseus's answer: the seat reservation, or nothing if it refused.
   */
  forward(request: IncomingMessage, response: ServerResponse, call: OpenCall, colyseus: () => void, body: Buffer): void;
  /** Puts Colyseus's controller back as it was. */
  close(): void;
}

/**
 * Colyseus answers matchmaking through `matchMaker.controller.invokeMethod`, which it passes the
 * request; the controller is Colyseus's documented hook for HTTP integrations. Wrapping it is how
 * the gate learns which seat and which room a call got, without parsing Colyseus's response.
 * Colyseus's matchmaker is process-wide, and so is this (one lobby per process).
 */
export function trackCalls(): CallTracker {
  const open = new WeakMap<IncomingMessage, OpenCall>();
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, clientOptions, authOptions) => {
    const call = authOptions?.req === undefined ? undefined : open.get(authOptions.req);
    try {
      const outcome: unknown = await invoke(method, roomName, clientOptions, authOptions);
      call?.settle(outcome);
      return outcome;
    } catch (error) {
      call?.settle(undefined);
      throw error;
    }
  };
  return {
    forward: (request, response, call, colyseus, body) => {
      open.set(request, call);
      // Colyseus may answer without calling the controller (e.g. while shutting down).
      response.once('close', () => call.settle(undefined));
      colyseus();
      // Colyseus subscribed to the body synchronously; the gate has read it already, so Colyseus
      // gets the same bytes (at most 4 KiB, checked to be a JSON object) replayed.
      request.emit('data', body);
      request.emit('end');
    },
    close: () => {
      controller.invokeMethod = invoke;
    },
  };
}
