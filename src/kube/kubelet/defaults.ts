/**
 * The simulated kubelet's timings. Each cites where a real cluster gets it; "(inferred)" marks a choice of ours
 * that has no single source (how long a container takes to start on a kind node, for instance).
 */

/** The Kubernetes version nodes report (kind's node image for 1.32). */
export const KUBELET_VERSION = 'v1.32.2';
/** kindest/node:v1.32.2 ships containerd 2.0.x on Debian bookworm. */
export const CONTAINER_RUNTIME_VERSION = 'containerd://2.0.3';
export const OS_IMAGE = 'Debian GNU/Linux 12 (bookworm)';
export const KERNEL_VERSION = '6.8.0-generic';

/** K: pkg/kubelet/apis/config/v1beta1/defaults.go: NodeLeaseDurationSeconds = 40. */
export const LEASE_DURATION_SECONDS = 40;
/**
 * The lease is renewed every 0.25 × duration = 10 s (K: pkg/kubelet/kubelet.go nodeLeaseRenewIntervalFraction),
 * with 4 % jitter (K: staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go JitterUntil 0.04).
 */
export const LEASE_RENEW_MS = LEASE_DURATION_SECONDS * 0.25 * 1000;
export const LEASE_RENEW_JITTER = 0.04;
/**
 * Node status is computed every 10 s (nodeStatusUpdateFrequency) and posted when it changed or every 5 min
 * (nodeStatusReportFrequency) (K: pkg/kubelet/apis/config/v1beta1/defaults.go).
 */
export const NODE_STATUS_UPDATE_MS = 10_000;
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
/** K: pkg/kubelet/apis/config/v1beta1/defaults.go MaxPods = 110. */
export const MAX_PODS = 110;

/**
 * Image pull and container restart back-off: 10 s doubling to 300 s, reset once an item has been quiet for twice
 * the cap, i.e. 10 min (K: pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff; client-go
 * util/flowcontrol/backoff.go hasExpired). The kubelet's back-offs have no jitter (NewBackOff).
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

/** K: pkg/apis/core/v1/defaults.go: terminationGracePeriodSeconds 30, probe periodSeconds 10. */
export const DEFAULT_GRACE_SECONDS = 30;
export const DEFAULT_PROBE_PERIOD_SECONDS = 10;

/**
 * After SIGTERM, the simulated app exits at once (nginx's fast shutdown, Go servers' Shutdown with no open
 * requests) and the kubelet sees the exit at its next PLEG relist, at most 1 s later (K: pkg/kubelet/kubelet.go
 * genericPlegRelistPeriod = 1 s). So 1 s, never more than the grace period.
 */
export const DEFAULT_SIGTERM_EXIT_SECONDS = 1;
/** (inferred) A Job pod's default run: "a few seconds", short enough for sync hooks to feel instant. */
export const DEFAULT_JOB_RUN_SECONDS = 3;
/** (inferred) A crashing process dies about a second after it starts (a bad config or a missing env var). */
export const DEFAULT_CRASH_RUN_SECONDS = 1;

/**
 * (inferred) Times a kind node takes: pod sandbox (pause container, CNI) ~0.5 s, a small image from a local
 * registry ~1 s, create + start a container ~0.3 s. Each gets up to +100 % jitter, as kwok's stages add.
 */
export const SANDBOX_MS = 500;
export const PULL_MS = 1000;
export const CONTAINER_START_MS = 300;
export const STAGE_JITTER = 1;
/** The kubelet's pod workers resync a pod that failed to pull within about a second (inferred). */
export const POD_RESYNC_MS = 1000;
