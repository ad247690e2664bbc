/** Field paths as Kubernetes prints them: `spec.template.spec.containers[0].image`, map entries `labels[app]`. */
export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function entryPath(path: string, key: string): string {
  return `${path}[${key}]`;
}
