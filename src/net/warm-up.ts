/**
 * The first RTCPeerConnection a page creates starts the browser's WebRTC machinery, which costs
 * hundreds of milliseconds of CPU on a slow machine. Creating and closing one while the player
 * is still reading the start page moves that cost off the join path. It has no ICE servers and
 * never gathers candidates, so it sends nothing anywhere.
 */
export function warmUpWebRtc(scope: { RTCPeerConnection?: typeof RTCPeerConnection }): void {
  const Connection = scope.RTCPeerConnection;
  if (!Connection) return;
  const connection = new Connection({ iceServers: [] });
  connection.createDataChannel('warm-up', { negotiated: true, id: 0 });
  // Links carry an audio transceiver (voice chat): warm the audio side of the offer up too.
  connection.addTransceiver('audio', { direction: 'sendrecv' });
  void connection
    .createOffer()
    .catch(() => undefined)
    .finally(() => {
      connection.close();
    });
}
