/**
 * The parts of an Argo CD `ApplicationSource` (argoproj.io/v1alpha1) that manifest generation reads
 * (docs/operator-manual/application.yaml). The Application model owns validation; this is the shape render accepts.
 */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  /** Multi-source apps: this source's files can be referenced as `$<ref>/...` from another source's valueFiles. */
  ref?: string;
  name?: string;
  directory?: DirectorySource;
  kustomize?: KustomizeSource;
  helm?: HelmSource;
  plugin?: Record<string, unknown>;
}

export interface DirectorySource {
  recurse?: boolean;
  /** A glob (or `{a,b}` alternation) over paths relative to the source path. */
  include?: string;
  exclude?: string;
  jsonnet?: Record<string, unknown>;
}

export interface KustomizeSource {
  namePrefix?: string;
  nameSuffix?: string;
  /** `img:tag`, `img@digest`, `alias=registry/img:tag`, as `kustomize edit set image` takes them. */
  images?: string[];
  commonLabels?: Record<string, string>;
  forceCommonLabels?: boolean;
  commonAnnotations?: Record<string, string>;
  forceCommonAnnotations?: boolean;
  namespace?: string;
  replicas?: { name: string; count: number | string }[];
}

export interface HelmParameter {
  name: string;
  value: string;
  forceString?: boolean;
}

export interface HelmSource {
  releaseName?: string;
  valueFiles?: string[];
  ignoreMissingValueFiles?: boolean;
  /** A YAML document as a string. */
  values?: string;
  /** Wins over `values` when both are set (Argo CD `ValuesYAML`). */
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: { name: string; path: string }[];
  skipCrds?: boolean;
  skipTests?: boolean;
  skipSchemaValidation?: boolean;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: string[];
}

export type SourceTool = 'Directory' | 'Kustomize' | 'Helm';

/** A plain JSON object, as parsed from YAML/JSON or emitted by a tool. */
export type Manifest = Record<string, unknown>;

export interface RenderResult {
  manifests: Manifest[];
  tool: SourceTool;
}

/** A ref source of a multi-source app: the tree its `$<ref>/...` paths resolve in. */
export interface RefSourceTree {
  /** The repository tree directory (from `RepoCache.checkout`). */
  repo: string;
  /** The commit SHA of that tree; part of the manifest cache key. */
  revision?: string;
}
