import type { EngineContext } from './engine-task.ts';

/** gitops-engine `crdReadinessTimeout`: how long an applied CRD may take to become Established. */
const CRD_READY_TIMEOUT_MS = 3000;
const POLL_MS = 100;

/**
 * Waits until an applied CRD is Established, at most 3 s, polling every 100 ms (gitops-engine `ensureCRDReady`); like
 * gitops-engine it gives up quietly — the custom resources' own apply then reports what is wrong.
 */
export async function waitForCrdEstablished(ctx: EngineContext, name: string): Promise<void> {
  const deadline = ctx.clock.now() + CRD_READY_TIMEOUT_MS;
  const ref = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', name };
  while (ctx.clock.now() < deadline) {
    const crd = await ctx.client.get(ref, ctx.signal);
    const conditions = (crd?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions;
    if (conditions?.some((c) => c.type === 'Established' && c.status === 'True')) {
      ctx.client.discovery.invalidate();
      return;
    }
    await ctx.clock.sleep(POLL_MS, ctx.signal);
  }
}
