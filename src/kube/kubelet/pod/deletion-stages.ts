import { formatTime } from '../../../clock/index.ts';
import type { Stage } from '../engine/stage.ts';
import { event } from './image-stages.ts';
import { deleting, running } from './pod-facts.ts';
import type { PodMemory } from './pod-memory.ts';
import { draftStatus, finish, setContainer } from './pod-status.ts';
import { gracePeriodMs, runPlan } from './run-plan.ts';

/**
 * Graceful deletion as the kubelet carries it out (K: pkg/kubelet/kuberuntime/kuberuntime_container.go
 * killContainer; pkg/kubelet/status/status_manager.go canBeDeleted): Killing event and SIGTERM to each running
 * container; each exits after its app's SIGTERM time or is SIGKILLed at the grace period (exit 137); the pod's
 * terminal status is written (Succeeded when all exited 0); then the kubelet deletes it with grace 0.
 */
export function deletionStages(): Stage<PodMemory>[] {
  return [
    {
      name: 'pod-delete',
      kind: 'Pod',
      selector: (pod) => deleting(pod) && running(pod).length === 0,
      next: () => ({ delete: true }),
    },
    {
      name: 'pod-kill',
      kind: 'Pod',
      selector: (pod, env) => deleting(pod) && env.memory.killingSince === undefined,
      next(pod, env) {
        env.memory.killingSince = env.now;
        return {
          events: running(pod).map((c) => event('Normal', 'Killing', `Stopping container ${c.name}`, c.name)),
        };
      },
    },
    {
      name: 'containers-stopped',
      kind: 'Pod',
      selector: (pod, env) => deleting(pod) && env.memory.killingSince !== undefined,
      delay(pod, env) {
        const grace = gracePeriodMs(pod);
        const exits = running(pod).map((c) => Math.min(runPlan(pod, env.memory.images.get(c.name)).sigtermMs, grace));
        return { ms: Math.max(0, env.memory.killingSince! + Math.max(...exits) - env.now) };
      },
      next(pod, env) {
        const status = draftStatus(pod);
        const grace = gracePeriodMs(pod);
        for (const c of running(pod)) {
          const killed = runPlan(pod, env.memory.images.get(c.name)).sigtermMs >= grace;
          setContainer(status, {
            ...c,
            state: {
              terminated: {
                // SIGKILL after the grace period: 128 + 9.
                exitCode: killed ? 137 : 0,
                reason: killed ? 'Error' : 'Completed',
                startedAt: c.state.running!.startedAt,
                finishedAt: formatTime(env.now),
                containerID: c.containerID!,
              },
            },
            ready: false,
            started: false,
          });
        }
        return { status: finish(pod, status, env.now, { tornDown: true }) };
      },
    },
  ];
}
