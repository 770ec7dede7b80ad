import * as ipaddr from 'ipaddr.js';

/** A parsed CIDR: its family, first and last address as integers, and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly prefix: number;
  readonly first: bigint;
  readonly last: bigint;
}

function toBigInt(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  return address.toByteArray().reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** Parses a CIDR in canonical subnet form; returns what is wrong with it instead when it is not. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  const addressText = text.slice(0, slash);
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1)) || !ipaddr.isValid(addressText)) {
    return `"${text}" is not a CIDR: write an IPv4 or IPv6 network and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32`;
  }
  if (ipaddr.IPv4.isValid(addressText) && !ipaddr.IPv4.isValidFourPartDecimal(addressText)) {
    return `"${text}" is not a canonical IPv4 CIDR: write four decimal parts without leading zeros, e.g. 10.0.0.0/8`;
  }
  const address = ipaddr.parse(addressText);
  const family = address.kind() === 'ipv4' ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const prefix = Number(text.slice(slash + 1));
  if (prefix > bits) return `"${text}" has prefix /${prefix}: an IPv${family} prefix is at most /${bits}`;
  const value = toBigInt(address);
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  const canonical = `${formatAddress(first, family)}/${prefix}`;
  if (first !== value) return `"${text}" has host bits set: the network is ${canonical}`;
  if (canonical !== text) return `"${text}" is not in canonical form: write ${canonical}`;
  return { family, prefix, first, last };
}

/** Formats an address integer of a family (IPv6 in RFC 5952 form). */
export function formatAddress(value: bigint, family: 4 | 6): string {
  const bytes: number[] = [];
  for (let i = family === 4 ? 3 : 15; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return family === 4 ? new ipaddr.IPv4(bytes).toString() : new ipaddr.IPv6(bytes).toRFC5952String();
}

/** Whether `inner` lies strictly inside `outer` (same family, longer prefix). */
export function strictlyInside(inner: Cidr, outer: Cidr): boolean {
  return inner.family === outer.family && inner.prefix > outer.prefix && inner.first >= outer.first && inner.last <= outer.last;
}
