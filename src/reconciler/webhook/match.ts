import { filesHaveChanged, MANIFEST_GENERATE_PATHS_ANNOTATION, refreshPaths } from './paths.ts';
import type { PushEvent } from './push-event.ts';
import { webUrlRegex } from './repo-url.ts';
import { revisionMatches } from './revision.ts';

/** The parts of an Application webhook matching reads. */
export interface WebhookApplication {
  metadata: { annotations?: Record<string, string> };
  spec: {
    source?: { repoURL: string; targetRevision?: string; path?: string };
    sources?: { repoURL: string; targetRevision?: string; path?: string }[];
  };
}

export interface SourceMatch {
  /** Index into `spec.sources`, or 0 for `spec.source`. */
  index: number;
  repoMatches: boolean;
  revisionMatches: boolean;
  /** This source asks for a (normal) refresh. */
  refresh: boolean;
}

export interface ApplicationMatch {
  /** Refresh the app: some source uses the pushed repository and revision, and the push touches its paths. */
  refresh: boolean;
  sources: SourceMatch[];
}

/**
 * Which sources of an app a push concerns (argo-cd webhook.go `HandleEvent`): the repoURL matches the push's web URL
 * (`webUrlRegex`), the targetRevision matches the pushed revision (`revisionMatches`), and the changed files touch the
 * app's `manifest-generate-paths` (`filesHaveChanged`). When repo and revision match but no watched file changed,
 * Argo CD moves its manifest cache to the new commit instead of refreshing; `refresh` is false then.
 */
export function matchApplication(app: WebhookApplication, push: PushEvent): ApplicationMatch {
  const sources =
    app.spec.sources && app.spec.sources.length > 0 ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
  const regex = webUrlRegex(push.webUrl);
  const paths = refreshPaths(
    app.metadata.annotations?.[MANIFEST_GENERATE_PATHS_ANNOTATION],
    sources.map((s) => s.path ?? ''),
  );
  const touched = filesHaveChanged(paths, push.changedFiles);
  const results = sources.map((source, index): SourceMatch => {
    const repoMatches = regex.test(source.repoURL);
    const revision = revisionMatches(source.targetRevision, push.revision, push.touchedHead);
    return { index, repoMatches, revisionMatches: revision, refresh: repoMatches && revision && touched };
  });
  return { refresh: results.some((r) => r.refresh), sources: results };
}
