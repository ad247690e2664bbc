/** What one probe request got: the version that answered, or why it failed. */
export type ProbeAnswer =
  | { ok: true; version: string; endpoint?: string }
  | { ok: false; reason: string; endpoint?: string };

/**
 * How a probe reaches a Service. Embedded: simulated from EndpointSlices and Pods (no process listens); kind: a
 * real HTTP GET. Never throws for a failed request: a failure is an answer.
 */
export interface ProbeTransport {
  /** One request to the Service `namespace/name`. */
  request(service: string, signal: AbortSignal): Promise<ProbeAnswer>;
}
