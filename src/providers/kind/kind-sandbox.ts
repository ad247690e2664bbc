import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Clock, freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { startControlServer } from '../control/control-server.ts';
import type { Faults } from '../control/faults.ts';
import type { GitEndpoint, ReconcilerMode, StartedSandbox, StartSandboxOptions } from '../sandbox.ts';
import { Startup } from '../startup.ts';
import { removeState, statePaths, writeAtomically, writeState } from '../state/state-files.ts';
import { clusterName, dockerEngineCheck, kindCommands, kindConfig, parseNodes, serverOf } from './cluster-plan.ts';
import { type CommandRunner, runChecked } from './command-runner.ts';
import type { ContainerFactory, RunningContainer } from './container-factory.ts';
import { KindError } from './errors.ts';
import { execaRunner } from './execa-runner.ts';
import { freeLocalPort } from './free-port.ts';
import { GITEA_EXEC_USER, giteaAdmin, giteaAdminCommands, giteaContainer, giteaRootUrl } from './gitea-plan.ts';
import {
  type StartedHostReconciler,
  type StartHostImageUpdater,
  type StartHostReconciler,
  startHostReconciler,
} from './host-reconciler.ts';
import { kindFaults } from './kind-faults.ts';
import { kindImagePublisher } from './kind-images.ts';
import { applyStdin, waitForNodesReady } from './kubectl-plan.ts';
import {
  argoCdCommands,
  clusterWebhookUrl,
  hostWebhookUrlForGitea,
  IN_CLUSTER_IMAGE,
  inClusterCommands,
} from './reconciler-plan.ts';
import { hostsTomlCommands, localRegistryConfigMap, registryContainer } from './registry-plan.ts';
import { testcontainersFactory } from './testcontainers-factory.ts';
import { PINNED, REGISTRY_HOST } from './versions.ts';

/** What startKindSandbox can be given instead of the real thing (tests inject fakes; the integrator real parts). */
export interface KindSandboxDeps {
  /** Runs kind, docker and kubectl (default: execa). */
  runner?: CommandRunner;
  /** Starts the registry and Gitea containers (default: testcontainers). */
  containers?: ContainerFactory;
  /** Starts the reconciler on the host in `reconciler: 'host'` mode (default: startHostReconciler). */
  startReconciler?: StartHostReconciler;
  /** Starts the image updater on the host in `reconciler: 'host'` mode (no default yet: skipped when absent). */
  startImageUpdater?: StartHostImageUpdater;
  /** Pushes the example world into Gitea and the registry (run unless options.seedWorld is false). */
  seedWorld?: (sandbox: StartedSandbox, options: { signal?: AbortSignal }) => Promise<void>;
  /** Starts the loopback control endpoint for CLI faults (default: startControlServer). */
  startControl?: (faults: Faults) => Promise<{ url: string; close(): Promise<void> }>;
  /** A free port on 127.0.0.1 for Gitea's published HTTP port (default: one the OS picks). */
  freePort?: () => Promise<number>;
  clock?: Clock;
  /** The repository root, where `sandbox/` is (default: found from this file). */
  rootDir?: string;
}

export interface StartedKindSandbox extends StartedSandbox {
  readonly provider: 'kind';
  /** The kind cluster's name: `kind get kubeconfig --name <it>`, `kubectl --context kind-<it>`. */
  readonly clusterName: string;
}

export const DEFAULT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The kind world: a kind cluster (1 control plane + 2 workers, node failure shortened to about a minute), the
 * registry and Gitea as containers on kind's network wired as kind's local-registry guide says, and the reconciler
 * on the host, in the cluster, or real Argo CD. Start-up is a list of named steps; whatever was started is torn
 * down in reverse order on close(), and also when a step fails or the signal aborts start-up.
 */
export async function startKindSandbox(
  options: StartSandboxOptions,
  deps: KindSandboxDeps = {},
): Promise<StartedKindSandbox> {
  const mode: ReconcilerMode = options.reconciler ?? 'host';
  if (options.speed !== undefined && options.speed !== 1) {
    throw new KindError(
      'UnsupportedOption',
      `--speed ${options.speed} is for the embedded provider; a kind cluster runs in real time (use --speed 1 or omit it)`,
    );
  }
  if (options.nodes !== undefined && options.nodes !== 3) {
    throw new KindError(
      'UnsupportedOption',
      `--nodes ${options.nodes} is for the embedded provider; the kind cluster always has 1 control plane and 2 workers`,
    );
  }
  if (options.port !== undefined) {
    throw new KindError(
      'UnsupportedOption',
      `--port is for the embedded provider's API server; kind picks the port of its API server (see the kubeconfig)`,
    );
  }
  const runner = deps.runner ?? execaRunner();
  const containers = deps.containers ?? testcontainersFactory();
  const rootDir = deps.rootDir ?? DEFAULT_ROOT;
  const clock = deps.clock ?? new ScaledClock({ speed: 1 });
  const seed = options.seed ?? freshSeed();
  const random = new Random(seed);
  const signal = options.signal;
  const run = (command: Parameters<typeof runChecked>[1]) => runChecked(runner, command, { signal });
  const startup = new Startup({ onStep: options.onStep, signal });
  const paths = statePaths(options.stateDir);
  const kindDir = join(paths.dir, 'kind');
  const name = clusterName(random);
  const kindKubeconfig = join(kindDir, 'kubeconfig');

  try {
    await startup.step('Check the Docker engine and kind', async () => {
      const engine = await runner.run(dockerEngineCheck(), signal ? { signal } : {});
      if (engine.exitCode !== 0) {
        throw new KindError(
          'CommandFailed',
          `the Docker engine does not answer (\`docker info\`: ${engine.stderr.trim() || `exit code ${engine.exitCode}`}); start Docker, or run \`gitops-sandbox doctor\``,
        );
      }
      await run(kindCommands.version());
    });

    await mkdir(kindDir, { recursive: true });
    startup.onClose('kind files in the state dir', () => rm(kindDir, { recursive: true, force: true }));
    const configPath = join(kindDir, 'kind-config.yaml');
    await writeFile(configPath, kindConfig({ name }));
    // Registered before creating: an interrupted `kind create` leaves node containers that only delete removes.
    startup.onClose(`kind cluster ${name}`, async () => {
      await runChecked(runner, kindCommands.delete({ name, kubeconfigPath: kindKubeconfig }));
    });
    await startup.step(`Create kind cluster ${name} (1 control plane, 2 workers)`, async () => {
      await run(kindCommands.create({ name, configPath, kubeconfigPath: kindKubeconfig }));
      // `--wait` covers the control plane only; scenarios need the workers Ready too.
      await run(waitForNodesReady(kindKubeconfig));
    });
    const { kubeconfig, nodes } = await startup.step(`Export the kubeconfig of ${name}`, async () => {
      const kubeconfig = (await run(kindCommands.getKubeconfig(name))).stdout;
      if (!serverOf(kubeconfig)) {
        throw new KindError('UnexpectedOutput', `\`kind get kubeconfig --name ${name}\` printed no cluster server`);
      }
      const nodes = parseNodes((await run(kindCommands.getNodes(name))).stdout);
      return { kubeconfig, nodes };
    });

    const registryDefinition = registryContainer(name);
    const registry = await startup.step(`Start the registry (${PINNED.registryImage} at ${REGISTRY_HOST})`, () =>
      containers.start(registryDefinition, signal ? { signal } : {}),
    );
    startup.onClose(`container ${registry.name}`, () => registry.stop());
    await startup.step(`Point containerd on ${nodes.length} nodes at the registry (hosts.toml)`, async () => {
      for (const node of nodes) for (const command of hostsTomlCommands(node, name)) await run(command);
      await run(applyStdin(kindKubeconfig, localRegistryConfigMap()));
    });

    const gitea = await startup.step(`Start Gitea (${PINNED.giteaImage})`, async () => {
      const hostPort = await (deps.freePort ?? freeLocalPort)();
      const rootUrl = giteaRootUrl({ cluster: name, inCluster: mode !== 'host', hostPort });
      return containers.start(giteaContainer(name, { hostPort, rootUrl }), signal ? { signal } : {});
    });
    startup.onClose(`container ${gitea.name}`, () => gitea.stop());
    const admin = giteaAdmin(random);
    const token = await startup.step(`Create the Gitea admin "${admin.username}" and an API token`, () =>
      createGiteaAdmin(gitea, admin),
    );
    // A local engine's "localhost" as 127.0.0.1: the same host name as Gitea's ROOT_URL in host mode.
    const gitUrl = `http://${gitea.host === 'localhost' ? '127.0.0.1' : gitea.host}:${gitea.mappedPort(3000)}`;
    const git: GitEndpoint = {
      url: gitUrl,
      username: admin.username,
      password: admin.password,
      token,
      clusterUrl: mode === 'host' ? gitUrl : `http://${gitea.name}:3000`,
    };
    const registryEndpoint = { url: `http://${REGISTRY_HOST}`, host: REGISTRY_HOST };

    const faults = kindFaults({ runner, nodes, gitContainer: gitea.name, registryContainer: registry.name });
    startup.onClose('faults (unpause containers)', () => faults.restoreAll());

    let webhookUrl: string;
    if (mode === 'host') {
      const hostOptions = {
        stateDir: paths.dir,
        kubeconfig,
        kubeconfigPath: kindKubeconfig,
        clock,
        random,
        git,
        registry: registryEndpoint,
        webhookHost: '0.0.0.0',
        ...(signal ? { signal } : {}),
      };
      const start = deps.startReconciler ?? startHostReconciler;
      const reconciler: StartedHostReconciler = await startup.step('Install and start the reconciler on the host', () =>
        start(hostOptions),
      );
      startup.onClose('reconciler', () => reconciler.close());
      webhookUrl = hostWebhookUrlForGitea(reconciler.webhookUrl);
      const startImageUpdater = deps.startImageUpdater;
      if (startImageUpdater) {
        const updater = await startup.step('Start the image updater on the host', () => startImageUpdater(hostOptions));
        startup.onClose('image updater', () => updater.close());
      }
    } else if (mode === 'in-cluster') {
      const [build, push, ...install] = inClusterCommands({ kubeconfig: kindKubeconfig, rootDir });
      await startup.step(`Build the reconciler image and push it as ${IN_CLUSTER_IMAGE}`, async () => {
        await run(build!);
        await run(push!);
      });
      await startup.step('Install the reconciler in the cluster (CRDs, RBAC, Deployment)', async () => {
        for (const command of install) await run(command);
      });
      webhookUrl = clusterWebhookUrl('in-cluster', name);
    } else {
      await startup.step('Install Argo CD and Argo CD Image Updater (pinned upstream manifests)', async () => {
        const commands = argoCdCommands({
          kubeconfig: kindKubeconfig,
          rootDir,
          cluster: name,
          gitClusterUrl: git.clusterUrl,
          username: admin.username,
          password: admin.password,
        });
        for (const command of commands) await run(command);
      });
      webhookUrl = clusterWebhookUrl('argocd', name);
    }

    const startControl = deps.startControl ?? startControlServer;
    const control = await startup.step('Start the control endpoint (faults from the CLI)', () => startControl(faults));
    startup.onClose('control endpoint', () => control.close());

    const close = () => startup.close();
    const sandbox: StartedKindSandbox = {
      provider: 'kind',
      clusterName: name,
      reconcilerMode: mode,
      clock,
      seed,
      kubeconfigPath: paths.kubeconfig,
      git,
      registry: registryEndpoint,
      reconciler: { webhookUrl, namespace: 'argocd' },
      faults,
      nodes,
      publishImage: kindImagePublisher({ runner, rootDir, clock, signal }),
      close,
      [Symbol.asyncDispose]: close,
    };

    // kubeconfig before the world is seeded (scenarios' kubectl needs it); sandbox.json last: it means "ready".
    startup.onClose('state files', () => removeState(options.stateDir));
    await writeAtomically(paths.kubeconfig, kubeconfig);
    const seedWorld = deps.seedWorld;
    if (seedWorld && options.seedWorld !== false) {
      await startup.step('Push the example world into Gitea and the registry', () =>
        seedWorld(sandbox, signal ? { signal } : {}),
      );
    }
    await startup.step('Write sandbox.json', () =>
      writeState(options.stateDir, {
        provider: 'kind',
        pid: process.pid,
        kubeconfig: paths.kubeconfig,
        kubernetes: { server: serverOf(kubeconfig)! },
        git: { url: git.url, username: git.username, password: git.password, token: git.token },
        registry: { url: registryEndpoint.url },
        control: { url: control.url },
        reconciler: { webhookUrl, namespace: 'argocd' },
        kind: { clusterName: name },
        speed: 1,
        startedAt: new Date(clock.now()).toISOString(),
      }),
    );
    return sandbox;
  } catch (error) {
    try {
      await startup.close();
    } catch (teardownError) {
      throw new KindError(
        'CommandFailed',
        `${messageOf(error)}; tearing down what was started also failed: ${messageOf(teardownError)} (check \`kind get clusters\` and \`docker ps\` for ${name})`,
        { cause: error },
      );
    }
    throw error;
  }
}

async function createGiteaAdmin(gitea: RunningContainer, admin: ReturnType<typeof giteaAdmin>): Promise<string> {
  const commands = giteaAdminCommands(admin);
  const user = await gitea.exec(commands.createUser, { user: GITEA_EXEC_USER });
  if (user.exitCode !== 0) {
    throw new KindError(
      'CommandFailed',
      `\`${commands.createUser.slice(0, 4).join(' ')}\` in ${gitea.name} exited with ${user.exitCode}: ${(user.stderr || user.stdout).trim()}`,
    );
  }
  const token = await gitea.exec(commands.createToken, { user: GITEA_EXEC_USER });
  const value = token.stdout.trim().split('\n').at(-1)?.trim() ?? '';
  if (token.exitCode !== 0 || !/^[0-9a-f]{40}$/.test(value)) {
    throw new KindError(
      'CommandFailed',
      `\`gitea admin user generate-access-token\` in ${gitea.name} gave no token (exit ${token.exitCode}): ${(token.stderr || token.stdout).trim()}`,
    );
  }
  return value;
}
