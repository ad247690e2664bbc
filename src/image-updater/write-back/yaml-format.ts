import type { ToStringOptions } from 'yaml';

/** Serialise edited files as close to how people write them: `[a, b]` flow lists, no folding of long lines. */
export const YAML_FORMAT: ToStringOptions = { flowCollectionPadding: false, lineWidth: 0 };
