/**
 * @roamhq/wrtc gathers candidates on every interface. Tests announce only loopback ones, so no
 * connectivity check ever leaves this machine.
 */
export function isLoopbackCandidate(candidate: string): boolean {
  return candidate === '' || / 127\.0\.0\.1 /.test(candidate) || / ::1 /.test(candidate);
}
