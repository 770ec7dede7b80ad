import { PolicyIntent } from '../model/intent';
import { DialectName } from './capabilities';
import { renderKubernetes } from './kubernetes/render';
import { Manifest } from './manifest';

/** What each dialect provides. Adding a dialect is adding a folder and an entry here. */
export interface Dialect {
  /** Renders intents to manifests; throws a NetpolError listing every intent it cannot express exactly. */
  readonly render: (intents: readonly PolicyIntent[]) => Manifest[];
}

export const DIALECTS: Partial<Record<DialectName, Dialect>> = {
  kubernetes: { render: renderKubernetes },
};

/** The dialect of a name; throws naming the valid names for an unknown one. */
export function dialectOf(name: string): Dialect {
  const dialect = DIALECTS[name as DialectName];
  if (!dialect) throw new Error(`unknown dialect "${name}": use one of ${Object.keys(DIALECTS).join(', ')}`);
  return dialect;
}
