// Types of the part of js-yaml 4 (installed as `js-yaml-4`; js-yaml 5 is only the tests' YAML 1.1
// reader) that lib/ uses, reading (lib/analysis/parse-documents.ts) and writing (lib/synth/yaml.ts):
// the 4.x line ships no types of its own.
declare module 'js-yaml-4' {
  /** Where a YAMLException happened: line and column count from 0. */
  export interface Mark {
    readonly line: number;
    readonly column: number;
  }
  /** js-yaml's error: `reason` without the position, `mark` the position. */
  export class YAMLException extends Error {
    constructor(reason: string, mark?: Mark);
    readonly reason: string;
    readonly mark?: Mark;
  }
  /** What the loader tells a listener about the node it opens or closes. */
  export interface LoaderState {
    readonly kind: string | null;
    readonly result: unknown;
    readonly line: number;
    readonly lineStart: number;
    readonly position: number;
  }
  /** The options parse-documents.ts passes. */
  export interface LoadOptions {
    readonly filename?: string;
    readonly maxDepth?: number;
    readonly listener?: (event: 'open' | 'close', state: LoaderState) => void;
  }
  export function loadAll(text: string, iterator?: null, options?: LoadOptions): unknown[];

  /** A tag; the writer uses implicit scalar types to know which strings to quote. */
  export class Type {
    constructor(tag: string, options: { kind: 'scalar'; resolve: (text: string) => boolean });
  }
  export class Schema {
    extend(types: { implicit: Type[] }): Schema;
  }
  /** YAML 1.2's core types and timestamps, merge keys and binary. */
  export const DEFAULT_SCHEMA: Schema;
  /** The options yaml.ts passes. */
  export interface DumpOptions {
    readonly schema?: Schema;
    readonly noRefs?: boolean;
    readonly lineWidth?: number;
    readonly quotingType?: '"' | "'";
  }
  export function dump(value: unknown, options?: DumpOptions): string;
}
