// A small cluster as kubectl would dump it, for tests that run netpol on a handful of pods.

/** Namespace `shop` and one pod per entry (its name and labels), each with one container, as YAML documents. */
export function shopCluster(pods: Record<string, Record<string, string>>): string {
  const pod = ([name, labels]: [string, Record<string, string>]) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: shop, labels: {${Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ')}}}
spec: {containers: [{name: c, image: x}]}
`;
  return `apiVersion: v1
kind: Namespace
metadata: {name: shop}
${Object.entries(pods).map(pod).join('')}`;
}
