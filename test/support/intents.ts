import { PolicyIntent } from '../../lib';

/** An ingress-isolating intent for `app: web` pods in namespace shop, with the fields given changed. */
export function webIntent(extra: Partial<PolicyIntent> = {}): PolicyIntent {
  return {
    name: 'web',
    scope: { namespace: 'shop' },
    subject: { pods: { matchLabels: { app: 'web' } } },
    isolate: ['ingress'],
    rules: [],
    path: 'app/shop/Web',
    ...extra,
  };
}
