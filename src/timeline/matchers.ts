import type { TimelineEvent } from './event.ts';
import { field, imageMatches, type Matcher, subjectIs, where } from './matcher.ts';

/** The matchers scenarios assert with, over the event types documented in event.ts. */

const appField = (name: string, type: string, key: string, values: string[], words: string): Matcher =>
  where(
    'application',
    type,
    (e) => subjectIs(e.subject, name) && values.includes(field(e, key)),
    `application ${name} ${words}`,
  );

/** Synced, optionally at a revision (a full or abbreviated commit). */
export const appSynced = (name: string, options: { revision?: string } = {}): Matcher => {
  const synced = appField(name, 'sync-status', 'status', ['Synced'], 'Synced');
  const { revision } = options;
  if (!revision) return synced;
  return where(
    'application',
    'sync-status',
    (e) => synced.test(e) && field(e, 'revision').startsWith(revision),
    `application ${name} Synced at ${revision.slice(0, 7)}`,
  );
};
export const appOutOfSync = (name: string): Matcher =>
  appField(name, 'sync-status', 'status', ['OutOfSync'], 'OutOfSync');
export const appHealthy = (name: string): Matcher => appField(name, 'health', 'status', ['Healthy'], 'Healthy');
export const appDegraded = (name: string): Matcher => appField(name, 'health', 'status', ['Degraded'], 'Degraded');
export const appProgressing = (name: string): Matcher =>
  appField(name, 'health', 'status', ['Progressing'], 'Progressing');
export const operationSucceeded = (name: string): Matcher =>
  appField(name, 'operation', 'phase', ['Succeeded'], 'operation Succeeded');
/** A sync operation that ended Failed or Error. */
export const operationFailed = (name: string): Matcher =>
  appField(name, 'operation', 'phase', ['Failed', 'Error'], 'operation Failed');

/** The image updater changed an image of an application (optionally a given image and new tag). */
export const imageUpdated = (app: string, image?: string, tag?: string): Matcher =>
  where(
    'image-updater',
    'update',
    (e) =>
      subjectIs(field(e, 'application') || e.subject, app) &&
      (image === undefined || imageMatches(field(e, 'image'), image)) &&
      (tag === undefined || field(e, 'to') === tag),
    `image updater updated ${app}${image ? ` ${image}` : ''}${tag ? ` to ${tag}` : ''}`,
  );

/** A push to a repository (`owner/name` or just `name`), or to any. */
export const gitPushed = (repo?: string): Matcher =>
  where(
    'git',
    'push',
    (e) => repo === undefined || subjectIs(field(e, 'repo') || e.subject, repo),
    `git push${repo ? ` to ${repo}` : ''}`,
  );

export const tagPushed = (repository: string, tag: string): Matcher =>
  where(
    'registry',
    'tag',
    (e) => field(e, 'repository') === repository && field(e, 'tag') === tag,
    `registry tag ${repository}:${tag}`,
  );

/**
 * Done as `kubectl rollout status` means it: every replica updated and available at the latest generation, and no
 * old replica left (during a surge the old pod still counts as ready); optionally running an image.
 */
export const rolloutComplete = (deployment: string, options: { image?: string } = {}): Matcher =>
  where(
    'deployment',
    'rollout',
    (e) => subjectIs(e.subject, deployment) && rolloutDone(e, options.image),
    `deployment ${deployment} rolled out${options.image ? ` with ${options.image}` : ''}`,
  );

function rolloutDone(e: TimelineEvent, image: string | undefined): boolean {
  const d = e.data ?? {};
  const replicas = Number(d['replicas'] ?? 0);
  const images = (d['images'] as string[] | undefined) ?? [];
  return (
    Number(d['updated']) === replicas &&
    Number(d['total'] ?? replicas) === replicas &&
    Number(d['ready']) === replicas &&
    Number(d['available']) === replicas &&
    Number(d['unavailable'] ?? 0) === 0 &&
    Number(d['observedGeneration']) >= Number(d['generation']) &&
    (image === undefined || images.some((i) => imageMatches(i, image)))
  );
}

/** The Deployment's template runs an image: the first such `rollout` event is where its rollout starts. */
export const rolloutStarted = (deployment: string, image: string): Matcher =>
  where(
    'deployment',
    'rollout',
    (e) =>
      subjectIs(e.subject, deployment) &&
      ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => imageMatches(i, image)),
    `deployment ${deployment} rolls out ${image}`,
  );

/** A Service has exactly `ready` ready endpoints. */
export const endpointsReady = (service: string, ready: number): Matcher =>
  where(
    'service',
    'endpoints',
    (e) => subjectIs(e.subject, service) && Number(e.data?.['ready']) === ready,
    `service ${service} has ${ready} ready endpoint${ready === 1 ? '' : 's'}`,
  );

/** A pod became Ready, optionally on a node, running an image, or of an app. */
export const podReady = (options: { node?: string; image?: string; app?: string } = {}): Matcher =>
  where(
    'pod',
    'ready',
    (e) =>
      (options.node === undefined || field(e, 'node') === options.node) &&
      (options.image === undefined ||
        ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => imageMatches(i, options.image!))) &&
      (options.app === undefined || podOfApp(e, options.app)),
    `pod${options.app ? ` of ${options.app}` : ''} ready${options.node ? ` on ${options.node}` : ''}${options.image ? ` with ${options.image}` : ''}`,
  );

/** By its `app` label; a pod without one by its name (`web-5f84b7585b-rqpqc` is of `web`). */
function podOfApp(e: TimelineEvent, app: string): boolean {
  const label = field(e, 'app');
  if (label) return label === app;
  const name = e.subject.slice(e.subject.indexOf('/') + 1);
  return name.startsWith(`${app}-`);
}

/** A pod failed (ImagePullBackOff, ErrImagePull, CrashLoopBackOff, ...). */
export const podFailed = (reason?: string): Matcher =>
  where(
    'pod',
    'failed',
    (e) => reason === undefined || field(e, 'reason') === reason,
    `pod failed${reason ? ` (${reason})` : ''}`,
  );

export const nodeNotReady = (name: string): Matcher =>
  where('node', 'ready', (e) => e.subject === name && field(e, 'status') !== 'True', `node ${name} not Ready`);
export const nodeReady = (name: string): Matcher =>
  where('node', 'ready', (e) => e.subject === name && field(e, 'status') === 'True', `node ${name} Ready`);

/** A scenario action by name (what `timeline.action(name)` recorded). */
export const action = (name: string): Matcher =>
  where('scenario', 'action', (e) => field(e, 'action') === name, `action ${name}`);

export const probeFailure = (service: string): Matcher =>
  where('probe', 'failure', (e) => subjectIs(field(e, 'service') || e.subject, service), `probe of ${service} failed`);

export const probeVersion = (service: string, version?: string): Matcher =>
  where(
    'probe',
    'version',
    (e) =>
      subjectIs(field(e, 'service') || e.subject, service) &&
      (version === undefined || field(e, 'version') === version),
    `probe of ${service} answered by ${version ?? 'a new version'}`,
  );
