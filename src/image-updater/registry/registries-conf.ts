import { parse } from 'yaml';
import { ImageUpdaterError } from '../errors.ts';
import type { RegistryConfig } from './registry-config.ts';

/**
 * Parses registries.conf, the `registries.conf` key of `argocd-image-updater-config`:
 * `registries: [{name, prefix, api_url, defaultns, default, credentials, credsexpire, insecure, limit}]`.
 */
export function parseRegistriesConf(text: string, source = 'registries.conf'): RegistryConfig[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (cause) {
    throw new ImageUpdaterError('InvalidRegistriesConf', `${source} is not valid YAML: ${String(cause)}`, { cause });
  }
  if (doc === null || doc === undefined) return [];
  const list = (doc as { registries?: unknown }).registries;
  if (!Array.isArray(list)) {
    throw new ImageUpdaterError('InvalidRegistriesConf', `${source}: expected a top-level 'registries:' list`);
  }
  const configs = list.map((raw, i) => {
    const entry = raw as Record<string, unknown>;
    const where = `${source}: registries[${i}]`;
    if (typeof entry['prefix'] !== 'string' || entry['prefix'] === '') {
      throw new ImageUpdaterError(
        'InvalidRegistriesConf',
        `${where} has no prefix; set prefix to the registry host, e.g. 127.0.0.1:5000`,
      );
    }
    const config: RegistryConfig = { name: String(entry['name'] ?? entry['prefix']), prefix: entry['prefix'] };
    if (typeof entry['api_url'] === 'string') {
      try {
        new URL(entry['api_url']);
      } catch {
        throw new ImageUpdaterError(
          'InvalidRegistriesConf',
          `${where}: api_url '${entry['api_url']}' is not a URL; write e.g. https://registry.example.com`,
        );
      }
      config.apiUrl = entry['api_url'];
    }
    if (entry['insecure'] !== undefined) config.insecure = entry['insecure'] === true || entry['insecure'] === 'yes';
    if (typeof entry['credentials'] === 'string') config.credentials = entry['credentials'];
    if (entry['limit'] !== undefined) {
      const limit = Number(entry['limit']);
      if (!(limit > 0))
        throw new ImageUpdaterError(
          'InvalidRegistriesConf',
          `${where}: limit must be a positive number of requests per second`,
        );
      config.limit = limit;
    }
    if (entry['default'] === true) config.default = true;
    if (typeof entry['defaultns'] === 'string') config.defaultns = entry['defaultns'];
    return config;
  });
  if (configs.filter((c) => c.default).length > 1) {
    throw new ImageUpdaterError(
      'InvalidRegistriesConf',
      `${source}: more than one registry is marked default; keep one`,
    );
  }
  return configs;
}
