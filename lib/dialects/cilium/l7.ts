import { HttpMatch, Rule } from '../../model/rule';

/** A DNS name (`matchName`) or a pattern with wildcards (`matchPattern`), as toFQDNs and rules.dns take them. */
export function fqdnSelector(pattern: string): Record<string, string> {
  return pattern.includes('*') ? { matchPattern: pattern } : { matchName: pattern };
}

/** A rule's L7 parser in Cilium, and whether it restricts anything (DNS `*` allows every name). */
export function l7Of(rule: Rule): { parser: 'none' | 'http' | 'dns'; restricts: boolean } {
  if (rule.http) return { parser: 'http', restricts: true };
  if (rule.dns) return { parser: 'dns', restricts: !rule.dns.some((match) => match.pattern === '*') };
  return { parser: 'none', restricts: false };
}

/** The `rules` of a port rule: the rule's HTTP or DNS matches, or none for an L4-only rule. */
export function renderL7(rule: Rule): Record<string, unknown> | undefined {
  if (rule.http) return { http: rule.http.map(renderHttp) };
  if (rule.dns) return { dns: rule.dns.map((match) => fqdnSelector(match.pattern)) };
  return undefined;
}

// Headers as "Name: value": Cilium splits at the first space and matches the value exactly
// (cilium/cilium pkg/envoy, getHTTPRule).
function renderHttp(match: HttpMatch): Record<string, unknown> {
  const headers = Object.entries(match.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return {
    ...(match.method !== undefined && { method: match.method }),
    ...(match.path !== undefined && { path: match.path }),
    ...(match.host !== undefined && { host: match.host }),
    ...(headers.length > 0 && { headers }),
  };
}
