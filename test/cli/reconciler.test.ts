import test from 'ava';
import { execa } from 'execa';
import { startTestCluster } from '../support/kubectl.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

test.serial(
  'gitops-sandbox reconciler --kubeconfig installs its CRDs into any cluster, serves, and stops cleanly on SIGINT',
  async (t) => {
    await using cluster = await startTestCluster();
    const reconciler = execa('node', [bin, 'reconciler', '--kubeconfig', cluster.kubeconfig, '--no-log'], {
      reject: false,
    });
    t.teardown(() => reconciler.kill('SIGKILL'));
    let established = '';
    for (let i = 0; i < 200 && !/True/.test(established); i++) {
      established = (
        await cluster.kubectl([
          'get',
          'crd',
          'applications.argoproj.io',
          '-o',
          'jsonpath={.status.conditions[?(@.type=="Established")].status}',
        ])
      ).stdout;
      await new Promise((r) => setTimeout(r, 50));
    }
    t.is(established, 'True');
    const project = await cluster.kubectl(['get', 'appprojects.argoproj.io', 'default', '-n', 'argocd', '-o', 'name']);
    t.is(project.stdout.trim(), 'appproject.argoproj.io/default');
    const apps = await cluster.kubectl(['get', 'applications', '-n', 'argocd']);
    t.is(apps.exitCode, 0, apps.stderr);
    reconciler.kill('SIGINT');
    const exit = await reconciler;
    t.is(exit.exitCode, 0, exit.stderr);
  },
);
