import type { Clock, Random } from '../../clock/index.ts';
import type { Application } from '../application/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import type { ManifestCache } from '../render/index.ts';
import type { RepoCache } from '../repo/index.ts';
import type { AppEvents } from './events.ts';
import type { Logger } from './log.ts';
import type { ResolvedSettings } from './options.ts';
import type { ControllerEngines, LiveStatePort, SyncRun } from './ports.ts';
import type { RenderedApp } from './render-app.ts';
import type { AppWriter } from './status-writer.ts';
import type { RefreshLevel } from './work-queue.ts';

/** Everything a reconcile pass uses; one per controller. */
export interface ControllerContext {
  client: ClusterClient;
  clock: Clock;
  random: Random;
  namespace: string;
  repo: RepoCache;
  manifests: ManifestCache;
  engines: ControllerEngines;
  live: LiveStatePort;
  settings: ResolvedSettings;
  log: Logger;
  events: AppEvents;
  writer: AppWriter;
  /** Asks for another pass over an app (the work queue). */
  enqueue(name: string, level: RefreshLevel): void;
  /** Asks for a pass after `ms` on the clock; a later call for the same purpose replaces the earlier one. */
  enqueueAfter(name: string, purpose: 'poll' | 'self-heal' | 'operation', ms: number, level: RefreshLevel): void;
  signal: AbortSignal;
}

/** What the controller remembers about one Application between passes. */
export interface AppRecord {
  name: string;
  /** The newest version seen (from the watch or returned by our own writes). */
  app: Application;
  /** The instance name in tracking ids (`<ns>_<name>` outside the control-plane namespace). */
  instance: string;
  /** The last successful render, re-used when a managed object changes (CompareWithRecent: no git). */
  lastRendered?: RenderedApp;
  /** The sync of the operation in flight, if its SyncContext exists in this process. */
  run?: { sync: SyncRun; rendered: RenderedApp; operationKey: string };
  /** A failed attempt waits for its retry until this instant. */
  retryAt?: number;
}
