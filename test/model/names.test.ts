import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnsLabelProblem, dnsSubdomainProblem, labelKeyProblem, labelValueProblem, portNameProblem } from '../../lib/model/names';

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));
const lowerMiddle = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split(''));
/** A valid DNS-1123 label of 1 to 63 characters. */
export const dnsLabel = fc
  .tuple(alnum, fc.array(lowerMiddle, { maxLength: 61 }), alnum)
  .map(([first, middle, last]) => (middle.length === 0 && first === last ? first : first + middle.join('') + last))
  .filter((label) => label.length <= 63);

describe('DNS-1123 labels', () => {
  it('accepts valid labels', () => {
    fc.assert(fc.property(dnsLabel, (label) => dnsLabelProblem(label) === undefined));
  });
  it.each(['', 'A', 'a_b', '-a', 'a-', 'a.b', 'a'.repeat(64), 'café'])('rejects %j, saying what is valid', (label) => {
    expect(dnsLabelProblem(label)).toMatch(/DNS-1123 label: use 1 to 63 lowercase letters/);
  });
  it('accepts 63 characters and one', () => {
    expect(dnsLabelProblem('a'.repeat(63))).toBeUndefined();
    expect(dnsLabelProblem('a')).toBeUndefined();
  });
});

describe('DNS-1123 subdomains', () => {
  it('accepts dot-separated labels up to 253 characters', () => {
    fc.assert(fc.property(fc.array(dnsLabel, { minLength: 1, maxLength: 4 }), (labels) => dnsSubdomainProblem(labels.join('.')) === undefined));
    expect(dnsSubdomainProblem(longestSubdomain)).toBeUndefined();
  });
  it.each(['', 'a..b', '.a', 'a.', 'A.b', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`])('rejects %j', (name) => {
    expect(dnsSubdomainProblem(name)).toMatch(/not a DNS-1123 subdomain/);
  });
});

const longestSubdomain = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;

describe('label keys', () => {
  it.each(['app', 'App.Name_x-1', 'kubernetes.io/metadata.name', 'example.com/a', 'a'.repeat(63), `${longestSubdomain}/n`])('accepts %j', (key) => {
    expect(labelKeyProblem(key)).toBeUndefined();
  });
  it.each([
    ['a/b/c', /more than one '\/'/],
    ['/name', /invalid prefix/],
    ['Example.com/a', /invalid prefix/],
    [`${longestSubdomain}d/n`, /invalid prefix/],
    [`${'p'.repeat(64)}/n`, /invalid prefix/],
    ['', /invalid name/],
    ['-a', /invalid name/],
    ['a_', /invalid name/],
    ['a'.repeat(64), /invalid name/],
    ['prefix/', /invalid name/],
    ['a b', /invalid name/],
  ])('rejects %j', (key, message) => {
    expect(labelKeyProblem(key)).toMatch(message);
  });
});

describe('label values', () => {
  it.each(['', 'v', 'V1.2_3-x', 'a'.repeat(63)])('accepts %j', (value) => expect(labelValueProblem(value)).toBeUndefined());
  it.each(['-v', 'v-', 'a b', "it's", 'a'.repeat(64), 'é'])('rejects %j', (value) => expect(labelValueProblem(value)).toMatch(/label value .* is invalid/));
});

describe('port names (IANA_SVC_NAME)', () => {
  it.each(['http', 'h2c', 'grpc-web', 'a1', 'x'.repeat(15)])('accepts %j', (name) => expect(portNameProblem(name)).toBeUndefined());
  it.each(['', '80', 'HTTP', '-http', 'http-', 'grpc--web', 'x'.repeat(16), 'my_port'])('rejects %j', (name) => {
    expect(portNameProblem(name)).toMatch(/not a valid port name/);
  });
});
