/// <reference lib="dom" />
// The page's script comes in parts (lib/report/bundle.ts): the views, which run at load, and the
// evaluator and the graph, which the page carries as inert text and runs when first needed, so
// the browser neither compiles nor starts them (1 MB of zod, our evaluator and cytoscape) before
// the first drawing.
import type { SourcedManifest } from '../../analysis/manifests';
import type { DialectName } from '../../dialects/capabilities';
import type { ReportModel } from '../model';
import type { Port } from '../../model/port';
import type { drawGraph } from './graph';

/** What each deferred part provides (lib/report/bundle.ts's PART_NAMES: their scripts, in elements `netpol-part-<name>`). */
export interface Parts {
  readonly evaluator: {
    /** The versions' manifests evaluated, as `netpol report` does. */
    readonly evaluate: (versions: readonly (readonly SourcedManifest[])[], engine?: DialectName) => ReportModel;
    /** A port as `netpol explain --port` reads it. */
    readonly parsePort: (text: string) => Port;
  };
  readonly graph: { readonly drawGraph: typeof drawGraph };
}

const provided: Partial<Parts> = ((globalThis as { netpolParts?: Partial<Parts> }).netpolParts ??= {});

/** Called by a part's entry point when it runs. */
export function provide<Name extends keyof Parts>(name: Name, part: Parts[Name]): void {
  provided[name] = part;
}

/** A part, run from its inert script element the first time it is asked for. */
export function part<Name extends keyof Parts>(name: Name): Parts[Name] {
  if (!provided[name]) {
    // An inline script inserted into the document runs at once (the page's CSP allows inline scripts).
    const script = document.createElement('script');
    script.textContent = (document.getElementById(`netpol-part-${name}`) as HTMLElement).textContent;
    document.head.append(script);
  }
  return provided[name] as Parts[Name];
}
