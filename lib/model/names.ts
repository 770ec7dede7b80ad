// Syntax rules of Kubernetes identifiers (k8s.io/apimachinery/pkg/util/validation).
// Each function returns what is wrong with a value, or undefined when it is valid.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: namespace names and every policy name. */
export function dnsLabelProblem(value: string): string | undefined {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    return `"${value}" is not a DNS-1123 label: use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A DNS-1123 subdomain: dot-separated DNS labels, at most 253 characters. */
export function dnsSubdomainProblem(value: string): string | undefined {
  if (value.length > 253 || !value.split('.').every((part) => DNS_LABEL.test(part) && part.length <= 63)) {
    return `"${value}" is not a DNS-1123 subdomain: use at most 253 characters of dot-separated lowercase labels ([a-z0-9] and '-')`;
  }
  return undefined;
}

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2) return `label key "${key}" has more than one '/': use [prefix/]name`;
  if (parts.length === 2 && (parts[0].length === 0 || dnsSubdomainProblem(parts[0]))) {
    return `label key "${key}" has an invalid prefix: the part before '/' must be a DNS-1123 subdomain of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return `label key "${key}" has an invalid name: use 1 to 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit`;
  }
  return undefined;
}

/** A label value: empty, or at most 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63 || (value.length > 0 && !LABEL_NAME.test(value))) {
    return `label value "${value}" is invalid: use at most 63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit (or the empty string)`;
  }
  return undefined;
}

/** A named port (IANA_SVC_NAME): at most 15 lowercase letters, digits and '-', at least one letter, no '--'. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15 || !PORT_NAME.test(name) || name.includes('--') || !/[a-z]/.test(name)) {
    return `"${name}" is not a valid port name: use 1 to 15 lowercase letters, digits and '-', with at least one letter, no leading, trailing or double '-'`;
  }
  return undefined;
}
