/** The faults a running sandbox can be put through, by scenarios in code or by the CLI through the control server. */
export interface Faults {
  /** Powers a node off: its kubelet stops heartbeating and its pods freeze as they are. */
  stopNode(name: string): Promise<void>;
  /** Powers a stopped node on again. */
  startNode(name: string): Promise<void>;
  /** The git server answers 503 to everything until restored. */
  gitOutage(): Promise<void>;
  restoreGit(): Promise<void>;
  /** The registry answers 503 to everything until restored. */
  registryOutage(): Promise<void>;
  restoreRegistry(): Promise<void>;
}
