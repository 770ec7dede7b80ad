import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cidr, formatAddress, parseCidr, strictlyInside } from '../../lib/model/cidr';

const ipv4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const ipv6 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

function network(value: bigint, prefix: number, bits: number): bigint {
  const host = BigInt(bits - prefix);
  return (value >> host) << host;
}

function parsed(text: string): Cidr {
  const result = parseCidr(text);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

describe('parseCidr', () => {
  it('accepts canonical networks of both families (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(ipv4, fc.integer({ min: 0, max: 32 }), fc.constant(4 as const)), fc.tuple(ipv6, fc.integer({ min: 0, max: 128 }), fc.constant(6 as const))), ([value, prefix, family]) => {
        const bits = family === 4 ? 32 : 128;
        const first = network(value, prefix, bits);
        const result = parsed(`${formatAddress(first, family)}/${prefix}`);
        expect(result).toEqual({ family, prefix, first, last: first + (1n << BigInt(bits - prefix)) - 1n });
      }),
    );
  });

  it('rejects host bits and names the network (property)', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 31 }), (value, prefix) => {
        fc.pre(network(value, prefix, 32) !== value);
        const problem = parseCidr(`${formatAddress(value, 4)}/${prefix}`);
        expect(problem).toBe(`"${formatAddress(value, 4)}/${prefix}" has host bits set: the network is ${formatAddress(network(value, prefix, 32), 4)}/${prefix}`);
      }),
    );
  });

  it.each([
    ['10.0.0.0', /is not a CIDR/],
    ['10.0.0.0/', /is not a CIDR/],
    ['10.0.0/8', /write four decimal parts/],
    ['example.com/8', /is not a CIDR/],
    ['10.0.0.0/33', /IPv4 prefix is at most \/32/],
    ['::/129', /IPv6 prefix is at most \/128/],
    ['010.0.0.0/8', /without leading zeros/],
    ['10.0.0.0/08', /not in canonical form: write 10.0.0.0\/8/],
    ['2001:DB8::/32', /not in canonical form: write 2001:db8::\/32/],
    ['2001:db8:0:0::/64', /not in canonical form: write 2001:db8::\/64/],
    ['10.1.2.3/16', /host bits set: the network is 10.1.0.0\/16/],
  ])('rejects %j', (text, message) => {
    expect(parseCidr(text)).toMatch(message);
  });

  it('knows the ends of a range', () => {
    expect(parsed('0.0.0.0/0')).toMatchObject({ first: 0n, last: 0xffffffffn });
    expect(parsed('192.168.0.0/16')).toMatchObject({ first: 0xc0a80000n, last: 0xc0a8ffffn });
    expect(parsed('::/0')).toMatchObject({ first: 0n, last: (1n << 128n) - 1n });
  });
});

describe('strictlyInside', () => {
  it.each([
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/8', '10.0.0.0/8', false],
    ['11.0.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/8', '10.0.0.0/16', false],
    ['2001:db8::/48', '2001:db8::/32', true],
    ['::/1', '0.0.0.0/0', false],
  ])('%s inside %s: %s', (inner, outer, expected) => {
    expect(strictlyInside(parsed(inner), parsed(outer))).toBe(expected);
  });
});
