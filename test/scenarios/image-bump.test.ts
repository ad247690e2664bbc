import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

test('image-bump: a new tag reaches letsgo-dev via the image updater, git, webhook and a rolling update; prod keeps ~1.0', async (t) => {
  const result = await runNamedScenario(t, 'image-bump');
  t.true(result.passed);
  const updates = result.timeline.filter((e) => e.component === 'image-updater' && e.type === 'update');
  t.true(updates.some((e) => e.data?.['to'] === 'v1.0.1' && String(e.subject).endsWith('letsgo-dev')));
  t.true(updates.some((e) => e.data?.['to'] === 'v1.0.1' && String(e.subject).endsWith('letsgo-prod')));
  const probe = result.timeline.filter((e) => e.component === 'probe');
  t.true(probe.some((e) => e.type === 'version' && e.data?.['version'] === 'v1.0.1'));
});
