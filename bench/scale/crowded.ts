// Calico policies crowded into one namespace, allows and denies by turns, each with its order: the
// input where checks that compare the policies of one namespace, or their selectors, grow fastest.
import { App } from 'cdk8s';
import { Manifest, Peer, Policy, PolicyChart, Port } from '../../lib';
import { WORK } from '../options';

/** Calico policies in one namespace, each selecting its own pods, allowing or denying (by turns) its own peers. */
export function crowdedNamespace(policies: number): Manifest[] {
  const chart = new PolicyChart(new App({ outdir: WORK }), 'crowded', { namespace: 'shop', dialect: 'calico' });
  for (let index = 0; index < policies; index++) {
    const policy = new Policy(chart, `Policy${index}`, { select: { app: `app-${index}` }, order: index });
    const peer = Peer.pods({ app: `client-${index}` });
    const ports = { ports: [Port.tcp(1000 + (index % 1000))] };
    if (index % 2 === 0) policy.allowFrom(peer, ports);
    else policy.denyFrom(peer, ports);
  }
  return chart.toJson();
}
