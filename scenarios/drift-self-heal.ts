import {
  appOutOfSync,
  appSynced,
  defineScenario,
  expect,
  operationSucceeded,
  rolloutComplete,
} from '../src/scenario/index.ts';

interface Deployment {
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
}

/**
 * Someone edits the cluster by hand. letsgo-dev has self-heal: Argo CD puts back what git says (after the 5 s
 * self-heal back-off). letsgo-prod has no automated sync: the drift shows as OutOfSync and stays until an operator
 * acts — exactly what `argocd app get` shows on a real cluster.
 */
export default defineScenario({
  name: 'drift-self-heal',
  title: 'Drift self-heal: hand edits are reverted to git; without self-heal they show as OutOfSync and stay',
  description:
    '`kubectl scale` and `kubectl set image` on letsgo-dev (self-heal) are reverted to git; the same scale on ' +
    'letsgo-prod (manual sync) leaves the app OutOfSync.',
  timeout: '15m',
  async run(s) {
    const t = expect(s.timeline);
    const backendImage = async (namespace: string) =>
      (await s.getJson<Deployment>(['deployment', 'backend', '-n', namespace])).spec.template.spec.containers[0]!.image;
    const gitImage = await backendImage('letsgo-dev');

    const { event: scaled } = await s.step('kubectl scale deployment/backend -n letsgo-dev --replicas=5', () =>
      s.kubectl(['scale', 'deployment/backend', '-n', 'letsgo-dev', '--replicas=5']),
    );
    await s.verify(t.event(appOutOfSync('letsgo-dev')).within('1m').after(scaled));
    const healed = await s.step('self-heal syncs letsgo-dev back to git', () =>
      s.waitFor(operationSucceeded('letsgo-dev'), { after: scaled, timeout: '2m' }),
    );
    await s.verify(t.event(appSynced('letsgo-dev')).within('1m').after(healed));
    await s.verifyState('letsgo-dev backend is back at 1 replica, as in git', async () => {
      const replicas = (await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-dev'])).spec.replicas;
      return { passed: replicas === 1, message: `spec.replicas is ${replicas}` };
    });

    const handImage = gitImage.replace(/:[^:/]+$/, ':v0.0.1-hand-edit');
    const { event: retagged } = await s.step('kubectl set image deployment/backend (a hand-made tag)', () =>
      s.kubectl(['set', 'image', 'deployment/backend', '-n', 'letsgo-dev', `backend=${handImage}`]),
    );
    await s.step('self-heal puts the image from git back', () =>
      s.waitFor(operationSucceeded('letsgo-dev'), { after: retagged, timeout: '2m' }),
    );
    await s.verify(
      t
        .event(rolloutComplete('letsgo-dev/backend', { image: gitImage }))
        .within('3m')
        .after(retagged),
    );
    await s.verifyState('letsgo-dev backend runs the image from git again', async () => {
      const image = await backendImage('letsgo-dev');
      return { passed: image === gitImage, message: `image is ${image}` };
    });

    const { event: prodDrift } = await s.step('kubectl scale deployment/backend -n letsgo-prod --replicas=5', () =>
      s.kubectl(['scale', 'deployment/backend', '-n', 'letsgo-prod', '--replicas=5']),
    );
    await s.verify(t.event(appOutOfSync('letsgo-prod')).within('1m').after(prodDrift));
    await s.verify(t.event(appSynced('letsgo-prod')).within('3m').after(prodDrift).never());
    await s.verifyState('letsgo-prod keeps the hand edit (5 replicas) until an operator syncs', async () => {
      const replicas = (await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-prod'])).spec.replicas;
      return { passed: replicas === 5, message: `spec.replicas is ${replicas}` };
    });
  },
});
