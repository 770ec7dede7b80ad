// The Calico reference's examples (docs/calico.md) are what the code writes.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { ClusterDefaultDeny, Peer, Policy, Port } from '../../../lib';
import { synthManifests, toYaml } from '../../support/synth';

const section = fs.readFileSync(path.resolve(__dirname, '../../../docs/calico.md'), 'utf8');
const yamlBlocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);

describe('docs/calico.md', () => {
  it('shows the YAML of the cluster-wide default deny', () => {
    expect(toYaml(synthManifests('calico', (chart) => new ClusterDefaultDeny(chart, 'ClusterDefaultDeny')))).toBe(yamlBlocks[0]);
  });

  it('shows the YAML of the ordered deny', () => {
    const yaml = toYaml(synthManifests('calico', (chart) => {
      new Policy(chart, 'DenySandbox', { select: { app: 'api' }, order: 100 }).denyFrom(Peer.namespace('sandbox'));
      new Policy(chart, 'ApiFromCluster', { select: { app: 'api' } }).allowFrom(Peer.allNamespaces(), { ports: [Port.tcp(8080)] });
    }));
    expect(yaml).toBe(yamlBlocks[1]);
  });
});
