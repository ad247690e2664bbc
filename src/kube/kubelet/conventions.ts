/**
 * Every annotation and label the simulated kubelet reads, in one place. They tell the simulation what the
 * "application" inside a container does, since no real process runs. The prefix is the one the registry's image
 * labels already use (`gitops-sandbox.io/crash`), so an image pushed with a label and a pod annotated with the same
 * key mean the same thing. Pod annotations win over image config labels.
 */
const PREFIX = 'gitops-sandbox.io';

/**
 * Image config label or pod annotation, `"true"`: the container's process exits with an error shortly after it
 * starts, so the pod ends in CrashLoopBackOff (restartPolicy Always) or Failed (Never).
 */
export const CRASH = `${PREFIX}/crash`;

/**
 * Pod annotation or image label, seconds (decimal allowed): how long the main process runs before it exits on its
 * own. Default: Job pods (restartPolicy Never/OnFailure) run DEFAULT_JOB_RUN_SECONDS; crashing images
 * DEFAULT_CRASH_RUN_SECONDS; anything else runs until stopped.
 */
export const RUN_SECONDS = `${PREFIX}/run-seconds`;

/**
 * Pod annotation or image label, integer: the exit code when the process exits on its own. Default 0, or 1 for
 * crashing images. A Job pod annotated `"1"` fails.
 */
export const EXIT_CODE = `${PREFIX}/exit-code`;

/**
 * Pod annotation or image label, seconds: how long the process takes to exit after SIGTERM. At or above the pod's
 * grace period it is killed with SIGKILL at the grace period (exit 137). Default DEFAULT_SIGTERM_EXIT_SECONDS.
 */
export const SIGTERM_SECONDS = `${PREFIX}/sigterm-seconds`;

/**
 * Pod annotation, `"fail"`: every readiness probe fails (Unhealthy events each period, the pod never Ready).
 * Removing the annotation lets the next probe succeed.
 */
export const READINESS = `${PREFIX}/readiness`;

/** Pod annotation, seconds: how long each image pull of this pod takes (default DEFAULT_PULL_MS). */
export const PULL_SECONDS = `${PREFIX}/pull-seconds`;

/** Kind nodes carry no zone label; the sandbox spreads nodes over zones so topology spread has something to see. */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
