/** YAML for the reconciler bench's git repo: small, realistic app directories (no namespace; the app sets it). */

export const deployment = (name: string, replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: ${image}
          ports: [{containerPort: 80}]
          resources: {requests: {cpu: 10m, memory: 16Mi}}
`;

export const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 80}]
`;

export const configMap = (name: string, value: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  value: "${value}"
  settings.yaml: |
    logLevel: info
    revision: ${value}
`;

/**
 * The 20-resource app of the push and drift benches: 10 Deployments, 5 Services, 5 ConfigMaps in one plain
 * directory. `revision` changes the ConfigMaps' data and web-0's replicas (1 ↔ 2), as a typical push would.
 */
export function webApp(dir: string, revision: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 10; i++) {
    files[`${dir}/web-${i}.yaml`] = deployment(`web-${i}`, i === 0 ? 1 + (revision % 2) : 1);
  }
  for (let i = 0; i < 5; i++) {
    files[`${dir}/svc-${i}.yaml`] = service(`web-${i}`);
    files[`${dir}/config-${i}.yaml`] = configMap(`config-${i}`, String(revision));
  }
  return files;
}

/**
 * One app of the 1,000-app fleet: a Deployment (1 replica), its Service and 8 ConfigMaps — ten resources, in
 * one file per resource as a monorepo directory usually has them.
 */
export function fleetApp(dir: string): Record<string, string> {
  const files: Record<string, string> = {
    [`${dir}/deployment.yaml`]: deployment('api', 1),
    [`${dir}/service.yaml`]: service('api'),
  };
  for (let i = 0; i < 8; i++) files[`${dir}/config-${i}.yaml`] = configMap(`config-${i}`, `v${i}`);
  return files;
}
