/** The paths of undefined values (and non-JSON values) inside a manifest: YAML would write them as null. */
export function undefinedPaths(value: unknown, path = ''): string[] {
  if (value === undefined || typeof value === 'function' || typeof value === 'bigint') return [path || '/'];
  if (Array.isArray(value)) return value.flatMap((item, index) => undefinedPaths(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => undefinedPaths(item, `${path}.${key}`));
  }
  return [];
}
