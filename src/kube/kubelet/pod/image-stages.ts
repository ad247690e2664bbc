import { POD_RESYNC_MS, STAGE_JITTER } from '../defaults.ts';
import type { Stage, StageEvent, StageNext } from '../engine/stage.ts';
import { type PullOutcome, pullImage } from './images.ts';
import { active, needingImage, specOf } from './pod-facts.ts';
import type { PodMemory } from './pod-memory.ts';
import type { PodNode } from './pod-node.ts';
import { draftStatus, finish, setContainer, waitingStatus } from './pod-status.ts';
import { containerFieldPath, containerStatus, podStatus } from './pod-types.ts';
import { pullMs } from './run-plan.ts';

/**
 * Image pulls as the kubelet's image manager does them (K: pkg/kubelet/images/image_manager.go EnsureImageExists):
 * IfNotPresent reuses an image already on the node; otherwise Pulling, then Pulled or Failed + ErrImagePull and a
 * back-off (10 s doubling to 300 s) during which the container waits in ImagePullBackOff; after it, pull again.
 */
export function imageStages(node: PodNode): Stage<PodMemory>[] {
  return [
    {
      name: 'image-pull-backoff',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && !env.memory.pulling && pullFailed(pod) !== undefined,
      delay: { ms: POD_RESYNC_MS },
      next(pod, env) {
        const failed = pullFailed(pod)!;
        const previous = containerStatus(pod, failed.name)!;
        const status = draftStatus(pod);
        const reason = previous.state.waiting?.message ?? '';
        setContainer(
          status,
          waitingStatus(
            failed.name,
            failed.image,
            'ImagePullBackOff',
            previous,
            `Back-off pulling image "${failed.image}": ErrImagePull: ${reason}`,
          ),
        );
        return {
          status: finish(pod, status, env.now),
          events: [
            event('Normal', 'BackOff', `Back-off pulling image "${failed.image}"`, failed.name),
            event('Warning', 'Failed', 'Error: ImagePullBackOff', failed.name),
          ],
        };
      },
    },
    {
      name: 'image-pull-start',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && !env.memory.pulling && needingImage(pod, env.memory) !== undefined,
      delay(pod, env) {
        const container = needingImage(pod, env.memory)!;
        const until = env.memory.pullBackoff.untilSinceUpdate(container.image, env.now);
        return { ms: until > 0 ? until - env.now : 0 };
      },
      next(pod, env) {
        const container = needingImage(pod, env.memory)!;
        const present = node.images.get(container.image);
        if (present && (container.imagePullPolicy ?? 'IfNotPresent') !== 'Always') {
          env.memory.images.set(container.name, present);
          return {
            events: [
              event(
                'Normal',
                'Pulled',
                `Container image "${container.image}" already present on machine`,
                container.name,
              ),
            ],
          };
        }
        env.memory.pulling = { container: container.name, image: container.image, since: env.now };
        return { events: [event('Normal', 'Pulling', `Pulling image "${container.image}"`, container.name)] };
      },
    },
    {
      name: 'image-pull-finish',
      kind: 'Pod',
      selector: (pod, env) => active(pod) && env.memory.pulling !== undefined,
      delay: (pod) => ({ ms: pullMs(pod), jitterFraction: STAGE_JITTER / 2 }),
      next(pod, env) {
        const pulling = env.memory.pulling!;
        const done = (outcome: PullOutcome): StageNext => {
          delete env.memory.pulling;
          const container = specOf(pod, pulling.container);
          if (!container) return {};
          if (outcome.ok) {
            env.memory.images.set(container.name, outcome.pulled);
            node.images.set(container.image, outcome.pulled);
            const took = formatDuration(env.now - pulling.since);
            return {
              events: [
                event(
                  'Normal',
                  'Pulled',
                  `Successfully pulled image "${container.image}" in ${took} (${took} including waiting). Image size: ${outcome.sizeBytes} bytes.`,
                  container.name,
                ),
              ],
            };
          }
          env.memory.pullBackoff.next(container.image, env.now, env.now);
          const status = draftStatus(pod);
          setContainer(
            status,
            waitingStatus(
              container.name,
              container.image,
              'ErrImagePull',
              containerStatus(pod, container.name),
              outcome.message,
            ),
          );
          return {
            status: finish(pod, status, env.now),
            events: [
              event(
                'Warning',
                'Failed',
                `Failed to pull image "${container.image}": ${outcome.message}`,
                container.name,
              ),
              event('Warning', 'Failed', 'Error: ErrImagePull', container.name),
            ],
          };
        };
        const outcome = pullImage(pulling.image, node.imagePullResolver, node.signal);
        return outcome instanceof Promise ? outcome.then(done) : done(outcome);
      },
    },
  ];
}

function pullFailed(pod: Parameters<typeof podStatus>[0]): { name: string; image: string } | undefined {
  const failed = (podStatus(pod).containerStatuses ?? []).find((c) => c.state.waiting?.reason === 'ErrImagePull');
  if (!failed) return undefined;
  return { name: failed.name, image: specOf(pod, failed.name)?.image ?? failed.image };
}

export function event(type: StageEvent['type'], reason: string, message: string, container?: string): StageEvent {
  return { type, reason, message, ...(container ? { fieldPath: containerFieldPath(container) } : {}) };
}

/** Go's time.Duration.Truncate(ms).String(), as the Pulled message prints it: 1.234s, 850ms. */
export function formatDuration(ms: number): string {
  const whole = Math.floor(ms);
  if (whole < 1000) return `${whole}ms`;
  if (whole < 60_000) return `${Number((whole / 1000).toFixed(3))}s`;
  const minutes = Math.floor(whole / 60_000);
  return `${minutes}m${Number(((whole % 60_000) / 1000).toFixed(3))}s`;
}
