import { Cidr, formatAddress } from '../model/cidr';

/** A set of addresses of one family, as sorted disjoint inclusive ranges. */
export class AddressSet {
  /** Every address of a family. */
  static all(family: 4 | 6): AddressSet {
    return new AddressSet(family, [[0n, family === 4 ? 0xffffffffn : (1n << 128n) - 1n]]);
  }

  /** The addresses of a CIDR minus its exceptions. */
  static fromCidr(cidr: Cidr, except: readonly Cidr[] = []): AddressSet {
    return except.reduce((set, hole) => set.subtract(AddressSet.fromCidr(hole)), new AddressSet(cidr.family, [[cidr.first, cidr.last]]));
  }

  constructor(
    readonly family: 4 | 6,
    readonly ranges: readonly (readonly [bigint, bigint])[],
  ) {}

  isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  size(): bigint {
    return this.ranges.reduce((total, [first, last]) => total + last - first + 1n, 0n);
  }

  intersect(other: AddressSet): AddressSet {
    const result: [bigint, bigint][] = [];
    if (other.family !== this.family) return new AddressSet(this.family, result);
    for (const [a, b] of this.ranges) {
      for (const [c, d] of other.ranges) {
        const first = a > c ? a : c;
        const last = b < d ? b : d;
        if (first <= last) result.push([first, last]);
      }
    }
    return new AddressSet(this.family, result.sort((x, y) => (x[0] < y[0] ? -1 : 1)));
  }

  subtract(other: AddressSet): AddressSet {
    if (other.family !== this.family) return this;
    const result: [bigint, bigint][] = [];
    for (const [first, last] of this.ranges) {
      let from = first;
      for (const [holeFirst, holeLast] of other.ranges) {
        if (holeLast < from || holeFirst > last) continue;
        if (holeFirst > from) result.push([from, holeFirst - 1n]);
        from = holeLast + 1n;
      }
      if (from <= last) result.push([from, last]);
    }
    return new AddressSet(this.family, result);
  }

  overlaps(other: AddressSet): boolean {
    return !this.intersect(other).isEmpty();
  }

  /** Whether every address of this set is in `other`. */
  isSubsetOf(other: AddressSet): boolean {
    return other.family === this.family && this.subtract(other).isEmpty();
  }

  equals(other: AddressSet): boolean {
    return this.isSubsetOf(other) && other.isSubsetOf(this);
  }

  /** One set per range. */
  split(): AddressSet[] {
    return this.ranges.map((range) => new AddressSet(this.family, [range]));
  }

  /** The ranges as netpol-analyzer prints them: `first-last`, joined by ", ". */
  toString(): string {
    return this.ranges.map(([first, last]) => `${formatAddress(first, this.family)}-${formatAddress(last, this.family)}`).join(', ');
  }
}

/**
 * Cuts the address space into disjoint blocks as np-guard/netpol-analyzer does
 * (np-guard/models pkg/netset/ipblock.go, DisjointIPBlocks): the blocks referenced by policies and
 * the whole space, smallest first, each new block splitting the blocks it overlaps. Every result
 * block therefore lies inside or outside each input block. IPv6 is cut the same way, and only
 * when some input is IPv6 (netpol-analyzer has no IPv6).
 */
export function disjointBlocks(inputs: readonly AddressSet[]): AddressSet[] {
  const families: (4 | 6)[] = inputs.some((set) => set.family === 6) ? [4, 6] : [4];
  return families.flatMap((family) => {
    // A stable sort by size: netpol-analyzer sorts by address count (ties in input order here).
    const list = [...inputs.filter((set) => set.family === family && !set.isEmpty()), AddressSet.all(family)]
      .map((set, index) => ({ set, index, size: set.size() }))
      .sort((a, b) => (a.size === b.size ? a.index - b.index : a.size < b.size ? -1 : 1))
      .map(({ set }) => set);
    return list.reduce<AddressSet[]>((blocks, block) => addBlock(block, blocks), []);
  });
}

function addBlock(added: AddressSet, blocks: AddressSet[]): AddressSet[] {
  const pieces: AddressSet[] = [];
  let rest = added;
  for (let index = 0; index < blocks.length && !rest.isEmpty(); index++) {
    const block = blocks[index];
    if (!block.overlaps(rest)) continue;
    const common = block.intersect(rest);
    rest = rest.subtract(common);
    if (!block.equals(common)) {
      pieces.push(common);
      blocks[index] = block.subtract(common);
    }
  }
  return [...blocks, ...rest.split(), ...pieces];
}
