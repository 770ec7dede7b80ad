// toCIDRSet cidrGroupRef names a CiliumCIDRGroup: the analysis resolves it from the input, and a
// name the input does not define makes the policy not analysed (exit 3, named), never "no address".
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../../support/cli';

const FIXTURE = fs.readFileSync(path.join(__dirname, '../../fixtures/cilium/cidr-groups.yaml'), 'utf8');

const reach = (text: string, ...options: string[]) => runNetpol(['reach', '-', ...options], { stdin: text });

describe('Cilium CIDR groups', () => {
  it('allows the CIDRs of the groups a rule names (a kubectl typed list of v2alpha1 groups)', async () => {
    const { code, out, err } = await reach(FIXTURE);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n').filter((line) => line.startsWith('shop/web[Pod] =>'))).toEqual([
      'shop/web[Pod] => 192.0.2.0-192.0.2.255[External] : TCP 443',
      'shop/web[Pod] => 198.51.100.0-198.51.100.255[External] : TCP 443',
      'shop/web[Pod] => 198.51.101.0-198.51.101.255[External] : TCP 443',
    ]);
  });

  it('exits 3 naming the policy and the group when the input lacks the group', async () => {
    const { code, out, err } = await reach(FIXTURE.replace('name: vpn', 'name: other'));
    expect(code).toBe(3);
    expect(err).toContain('CiliumNetworkPolicy shop/web-egress: cidrGroupRef "vpn": no CiliumCIDRGroup of that name in the input');
    expect(out).not.toContain('[External] : TCP 443');
    expect((await reach(FIXTURE.replace('name: vpn', 'name: other'), '--allow-partial')).code).toBe(0);
  });
});
