/**
 * Everything the kind provider pulls from outside, pinned. Bump together and re-run the kind workflow
 * (.github/workflows/kind-scenarios.yml), which is where these have to prove themselves.
 */
export const PINNED = {
  /** kind v0.27.0's default node image; its containerd reads /etc/containerd/certs.d without a config patch. */
  kindNodeImage: 'kindest/node:v1.32.2',
  /** The minimum kind release the generated config and the node image are meant for. */
  kindVersion: '0.27.0',
  registryImage: 'registry:2',
  giteaImage: 'gitea/gitea:1.23.7',
  argoCdInstall: 'https://raw.githubusercontent.com/argoproj/argo-cd/v3.2.0/manifests/install.yaml',
  /** The annotation-model image updater (v0.x), the one ../shared/reference/argocd-semantics.md describes. */
  imageUpdaterInstall:
    'https://raw.githubusercontent.com/argoproj-labs/argocd-image-updater/v0.18.0/manifests/install.yaml',
} as const;

/** Where image references point: kind's local-registry convention, the same name on the host and in the nodes. */
export const REGISTRY_HOST = 'localhost:5001';
export const REGISTRY_HOST_PORT = 5001;
/** The Docker network kind puts its nodes on. */
export const KIND_NETWORK = 'kind';
