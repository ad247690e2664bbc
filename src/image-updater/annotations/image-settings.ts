import type semver from 'semver';
import { parseConstraint } from '../strategy/semver-tags.ts';
import { parseStrategy, type UpdateStrategy } from '../strategy/strategy.ts';
import { type AllowTags, parseAllowTags, parseIgnoreTags } from '../strategy/tag-filter.ts';
import type { ImageListEntry } from './image-list.ts';
import { IMAGE_LIST, imageSetting } from './keys.ts';

/** Everything the annotations say about one image of `image-list`. */
export interface ImageSettings {
  entry: ImageListEntry;
  strategy: UpdateStrategy;
  /** Semver strategy: the parsed constraint. */
  range?: semver.Range;
  allow: AllowTags;
  ignore: string[];
  forceUpdate: boolean;
  /** `pullsecret:<ns>/<name>`, `secret:<ns>/<name>#<field>` or `env:<VAR>`. */
  pullSecret?: string;
  helm: { imageName: string; imageTag: string; imageSpec?: string };
  kustomizeImageName?: string;
}

export interface SettingProblem {
  annotation: string;
  message: string;
  /** The image cannot be updated (rather than a fallback being used). */
  skip: boolean;
}

/** Reads the per-alias settings (falling back to the app-wide ones) and says what is wrong with them. */
export function imageSettings(
  annotations: Record<string, string>,
  entry: ImageListEntry,
): { settings: ImageSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const get = (key: Parameters<typeof imageSetting>[2]) => imageSetting(annotations, entry.alias, key);

  let strategy: UpdateStrategy = 'semver';
  const strategySetting = get('update-strategy');
  if (strategySetting && strategySetting.value !== '') {
    const parsed = parseStrategy(strategySetting.value);
    if (parsed) strategy = parsed;
    else
      problems.push({
        annotation: strategySetting.key,
        skip: false,
        message: `${strategySetting.key}: unknown update strategy '${strategySetting.value}', using semver; use semver, newest-build, digest or alphabetical`,
      });
  }

  const allowSetting = get('allow-tags');
  const allow = parseAllowTags(allowSetting?.value);
  if (allow.kind === 'none' && allowSetting) {
    problems.push({
      annotation: allowSetting.key,
      skip: false,
      message: `${allowSetting.key}: ${allow.why}, so no tag matches; use 'any' or 'regexp:<valid regular expression>'`,
    });
  }

  const settings: ImageSettings = {
    entry,
    strategy,
    allow,
    ignore: parseIgnoreTags(get('ignore-tags')?.value),
    forceUpdate: get('force-update')?.value === 'true',
    helm: {
      imageName: get('helm.image-name')?.value || 'image.name',
      imageTag: get('helm.image-tag')?.value || 'image.tag',
    },
  };
  const spec = get('helm.image-spec')?.value;
  if (spec) settings.helm.imageSpec = spec;
  const kustomizeName = get('kustomize.image-name')?.value;
  if (kustomizeName) settings.kustomizeImageName = kustomizeName;
  const pullSecret = get('pull-secret')?.value;
  if (pullSecret) settings.pullSecret = pullSecret;

  const platforms = get('platforms');
  if (platforms) {
    // DESIGN: never ignore a setting silently.
    problems.push({
      annotation: platforms.key,
      skip: false,
      message: `${platforms.key}: platform filtering is not supported by the sandbox's image updater; it reads the linux/amd64 image (remove the annotation to silence this)`,
    });
  }
  if (strategy === 'semver' && entry.constraint) {
    const range = parseConstraint(entry.constraint);
    if (range) settings.range = range;
    else
      problems.push({
        annotation: IMAGE_LIST,
        skip: true,
        message: `image-list: '${entry.constraint}' of ${entry.name} is not a semver constraint; write e.g. ~1.0, ^1.2 or 1.2.x`,
      });
  }
  if (strategy === 'digest' && !entry.constraint) {
    problems.push({
      annotation: IMAGE_LIST,
      skip: true,
      message: `image-list: the digest strategy follows a tag, but ${entry.name} names none; write ${entry.name}:<tag>, e.g. :latest`,
    });
  }
  return { settings, problems };
}
