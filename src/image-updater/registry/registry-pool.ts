import type { Clock } from '../../clock/index.ts';
import { RegistryClient } from '../../registry/index.ts';
import type { Credentials } from './credentials.ts';
import { DEFAULT_RATE_LIMIT, endpointOf, type RegistryConfig, registryFor } from './registry-config.ts';

/**
 * One RegistryClient per registry and credentials, kept across cycles so connections, bearer tokens and the
 * client-side rate limit (registries.conf `limit`) carry over from one poll to the next.
 */
export class RegistryPool {
  readonly #configs: readonly RegistryConfig[];
  readonly #clock: Clock;
  readonly #clients = new Map<string, RegistryClient>();

  constructor(configs: readonly RegistryConfig[], clock: Clock) {
    this.#configs = configs;
    this.#clock = clock;
  }

  config(registry: string): RegistryConfig | undefined {
    return registryFor(this.#configs, registry);
  }

  client(registry: string, credentials: Credentials | undefined): RegistryClient {
    const config = this.config(registry);
    const key = `${registry}\0${credentials?.username ?? ''}\0${credentials?.password ?? ''}`;
    let client = this.#clients.get(key);
    if (!client) {
      const endpoint = endpointOf(config, registry);
      client = new RegistryClient({
        registry: endpoint.host,
        clock: this.#clock,
        rateLimitPerSecond: config?.limit ?? DEFAULT_RATE_LIMIT,
        // The updater backs off on its own; one quick retry smooths over a blip without holding up the cycle.
        retries: 1,
        ...(endpoint.insecure !== undefined ? { insecure: endpoint.insecure } : {}),
        ...(credentials ? { credentials } : {}),
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}
