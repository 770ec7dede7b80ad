// The external address blocks, cut as netpol-analyzer cuts them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressSet, disjointBlocks } from '../../lib/analysis/address-blocks';
import { addressesOf } from '../../lib/analysis/endpoints';

const names = (inputs: AddressSet[]) => disjointBlocks(inputs).map(String).sort();

describe('disjointBlocks', () => {
  it('is the whole IPv4 space when no policy names an address', () => {
    expect(names([])).toEqual(['0.0.0.0-255.255.255.255']);
  });

  it('cuts the space at each block: 0.0.0.0/0 except the RFC 1918 ranges gives seven blocks', () => {
    const internet = addressesOf('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']);
    expect(names([internet])).toEqual([
      '0.0.0.0-9.255.255.255',
      '10.0.0.0-10.255.255.255',
      '11.0.0.0-172.15.255.255',
      '172.16.0.0-172.31.255.255',
      '172.32.0.0-192.167.255.255',
      '192.168.0.0-192.168.255.255',
      '192.169.0.0-255.255.255.255',
    ]);
  });

  it('keeps a block that a larger one cuts in several ranges as one block (its inputs are split into ranges first: externalEndpoints)', () => {
    // 10.0.0.0/8 comes first (smaller); 0.0.0.0/0 except 10.1.0.0/16, given whole, then cuts it into a two-range block.
    const blocks = names([addressesOf('10.0.0.0/8'), addressesOf('0.0.0.0/0', ['10.1.0.0/16'])]);
    expect(blocks).toContain('10.0.0.0-10.0.255.255, 10.2.0.0-10.255.255.255');
    expect(blocks).toContain('10.1.0.0-10.1.255.255');
  });

  it('cuts IPv6 the same way, only when a policy names an IPv6 range', () => {
    expect(names([addressesOf('2001:db8::/32')])).toEqual([
      '0.0.0.0-255.255.255.255',
      '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      '::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });

  it('partitions the space so that every block lies inside or outside each input', () => {
    const cidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 4, max: 16 })).map(([octet, prefix]) => {
      const value = (octet << 24) >>> 0;
      const network = ((value >>> (32 - prefix)) << (32 - prefix)) >>> 0;
      return `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.0/${prefix}`;
    });
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 6 }), (cidrs) => {
        const inputs = cidrs.map((text) => addressesOf(text));
        const blocks = disjointBlocks(inputs);
        expect(blocks.reduce((total, block) => total + block.size(), 0n)).toBe(1n << 32n);
        for (let i = 0; i < blocks.length; i++) for (let j = i + 1; j < blocks.length; j++) expect(blocks[i].overlaps(blocks[j])).toBe(false);
        for (const block of blocks) for (const input of inputs) expect(block.isSubsetOf(input) || !block.overlaps(input)).toBe(true);
      }),
    );
  });
});
