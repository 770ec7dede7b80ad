/**
 * Whether a DNS name pattern covers a name or another pattern (both in lower case, no trailing
 * dot), as Cilium's matchPattern: '*' alone is every name, '*' within a label any characters of
 * one label, a leading '**.' any number of subdomain labels. A pattern covers another pattern only
 * when they are equal or it is '*' (partial overlaps between two wildcards are not claimed).
 */
export function fqdnPatternCovers(pattern: string, target: string): boolean {
  if (pattern === target || pattern === '*') return true;
  if (target.includes('*')) return false;
  const body = pattern
    .replace(/^\*\*\./, '\u0000')
    .split('')
    .map((char) => (char === '*' ? '[-a-z0-9_]*' : char === '\u0000' ? '(?:[-a-z0-9_]+\\.)+' : char.replace(/[.]/g, '\\.')))
    .join('');
  return new RegExp(`^${body}$`).test(target);
}
