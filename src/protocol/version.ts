/**
 * Exchanged in the first message on every peer link. Peers with different versions refuse each
 * other with a clear reason instead of misreading each other's bytes.
 */
export const PROTOCOL_VERSION = 5;
