import type { Clock, Random } from '../clock/index.ts';
import { messageOf } from '../errors.ts';
import type { Application } from '../reconciler/application/index.ts';
import { parseImageList } from './annotations/image-list.ts';
import { imageSettings } from './annotations/image-settings.ts';
import { IMAGE_LIST } from './annotations/keys.ts';
import { type WriteBackConfig, writeBackConfig } from './annotations/write-back-config.ts';
import { changeAnnotations, REASON_UPDATED, recordEvent } from './events.ts';
import { type CheckContext, checkImage } from './image-check.ts';
import { applicationTool, findLive, liveImages } from './live-images.ts';
import type { ApplicationUpdate, ImageUpdaterOptions } from './options.ts';
import { applyEdits } from './write-back/apply-edits.ts';
import { writeToApplication } from './write-back/argocd-writer.ts';
import type { ImageChange } from './write-back/change.ts';
import type { CommitMessageTemplate } from './write-back/commit-message.ts';
import { gitSecret } from './write-back/git-secret.ts';
import type { GitWriter } from './write-back/git-writer.ts';

export interface AppContext extends CheckContext {
  clock: Clock;
  random: Random;
  git: GitWriter;
  template: CommitMessageTemplate;
  author: { name: string; email: string };
  gitCredentials: ImageUpdaterOptions['gitCredentials'];
  /** Reports annotations the updater cannot use (a Warning Event, once per distinct problem). */
  warn(app: Application, problems: string[]): Promise<void>;
}

export interface AppResult {
  considered: number;
  skipped: number;
  errors: number;
  update?: ApplicationUpdate;
}

/** One application: decide each image of its image-list, then write the changes back and record an Event. */
export async function updateApplication(context: AppContext, app: Application): Promise<AppResult> {
  const name = app.metadata.name!;
  const { log } = context;
  const result: AppResult = { considered: 0, skipped: 0, errors: 0 };
  const annotations = app.metadata.annotations ?? {};
  const tool = applicationTool(app);
  if (!tool) {
    const sourceType = (app.status as { sourceType?: string } | undefined)?.sourceType;
    const why = app.spec.sources
      ? 'multi-source applications are not supported'
      : sourceType
        ? 'only Helm and Kustomize applications are updated'
        : 'not reconciled yet (no status.sourceType)';
    log('info', `skipping application: ${why}`, { application: name, sourceType: sourceType ?? null });
    return { ...result, skipped: 1 };
  }
  const { entries, problems: listProblems } = parseImageList(annotations[IMAGE_LIST] ?? '');
  const problems = listProblems.map((p) => p.message);
  const live = liveImages(app);
  const changes: ImageChange[] = [];
  for (const entry of entries) {
    const { settings, problems: settingProblems } = imageSettings(annotations, entry);
    problems.push(...settingProblems.map((p) => p.message));
    const fields = { application: name, alias: entry.alias ?? null, image: entry.name };
    if (settingProblems.some((p) => p.skip)) {
      log('warn', 'image skipped: invalid annotations', { ...fields, problems: settingProblems.map((p) => p.message) });
      result.skipped++;
      continue;
    }
    const running = findLive(live, entry.image);
    if (!running && !settings.forceUpdate) {
      log('info', 'image not running in this application, skipping (set force-update to update it anyway)', fields);
      result.skipped++;
      continue;
    }
    result.considered++;
    log('info', 'considering image', {
      ...fields,
      strategy: settings.strategy,
      constraint: entry.constraint ?? null,
      running: running
        ? `${running.registry}/${running.repository}${running.tag ? `:${running.tag}` : ''}${running.digest ? `@${running.digest}` : ''}`
        : null,
    });
    const decision = await checkImage(context, settings, running, fields);
    if (decision.kind === 'update') changes.push(decision.change);
    else if (decision.kind === 'skip') result.skipped++;
    else if (decision.kind === 'error') result.errors++;
    else log('info', 'image already at the chosen tag', fields);
  }
  // Read the write-back settings even when nothing changes, so a bad one is reported with the others, once.
  let config: WriteBackConfig | undefined;
  try {
    config = writeBackConfig(app, `.argocd-source-${name}.yaml`);
  } catch (error) {
    problems.push(messageOf(error));
  }
  await context.warn(app, problems);
  if (changes.length === 0) return result;
  if (!config) {
    log('error', 'cannot write back: invalid write-back annotations', { application: name });
    return { ...result, errors: result.errors + 1 };
  }
  const images = changes.map((c) => ({
    ...(c.settings.entry.alias ? { alias: c.settings.entry.alias } : {}),
    image: c.fullName,
    oldTag: c.oldTag,
    newTag: c.newTag,
  }));
  try {
    let commit: string | undefined;
    if (config.method === 'argocd') {
      const changed = await writeToApplication({
        client: context.client,
        app,
        tool,
        changes,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      if (!changed) {
        log('info', 'nothing to change: the Application already names these images', { application: name, images });
        return result;
      }
      log('info', 'updated the Application spec', { application: name, images });
    } else {
      const credentials =
        config.credentials.kind === 'secret'
          ? await gitSecret(context.client, config.credentials, context.signal)
          : await context.gitCredentials?.(config.repoURL);
      const message = context.template.render({
        AppName: name,
        AppChanges: changes.map((c) => ({ Image: c.fullName, OldTag: c.oldTag, NewTag: c.newTag })),
      });
      const written = await context.git.write({
        repoURL: config.repoURL,
        credentials,
        baseBranch: config.baseBranch,
        writeBranch: config.writeBranch,
        message,
        author: context.author,
        edit: (checkout) => applyEdits(checkout, config, app, tool, changes),
        ...(context.signal ? { signal: context.signal } : {}),
      });
      commit = written.commit;
      if (!commit) {
        log('info', 'nothing to commit: git already has these images', { application: name, images });
        return result;
      }
      log('info', 'committed and pushed', {
        application: name,
        images,
        commit,
        branch: written.branch,
        attempts: written.attempts,
        target: config.target,
      });
    }
    const update: ApplicationUpdate = {
      application: name,
      method: config.method,
      images,
      ...(commit ? { commit } : {}),
    };
    await recordEvent({
      client: context.client,
      clock: context.clock,
      random: context.random,
      app,
      type: 'Normal',
      reason: REASON_UPDATED,
      message: `Successfully updated application '${name}'`,
      annotations: changeAnnotations(changes, commit),
      ...(context.signal ? { signal: context.signal } : {}),
    }).catch((error: unknown) =>
      log('warn', 'event could not be sent', { application: name, error: messageOf(error) }),
    );
    return { ...result, update };
  } catch (error) {
    if (context.signal?.aborted) throw error;
    log('error', 'could not write back the update', { application: name, images, error: messageOf(error) });
    return { ...result, errors: result.errors + 1 };
  }
}
