/// <reference path="../js-yaml-4.d.ts" />
// Text to plain values, one per document: JSON through JSON.parse (a kubectl `-o json` dump reads
// ten times faster), anything else through js-yaml's 4.x loader, which builds values as it reads:
// twice as fast as the 5.x loader (which first lists every parse event) and ten times the yaml
// package on the P3 dump, and its errors carry line and column (bench/README.md, P3). Both stay
// within the read limits.
import { LoaderState, loadAll, YAMLException } from 'js-yaml-4';
import { NetpolError } from '../model/errors';
import { ReadLimits } from './read-limits';

/** The documents of one file's text, as plain values (an empty document is null). */
export function parseDocuments(text: string, file: string, limits: ReadLimits): unknown[] {
  if (/^\s*[[{]/.test(text)) {
    const json = parseJson(text, file, limits);
    if (json !== undefined) return [json];
  }
  let documents: unknown[];
  try {
    documents = loadAll(text, null, { filename: file, maxDepth: limits.maxDepth, ...(/[&]/.test(text) && { listener: aliasCounter(limits) }) });
  } catch (error) {
    if (error instanceof YAMLException) throw new NetpolError([{ where: yamlWhere(text, file, error), field: '', message: yamlMessage(error, limits) }]);
    if (error instanceof RangeError) throw new NetpolError([{ where: file, field: '', message: `nested too deeply to read (the limit is ${limits.maxDepth} levels)` }]);
    throw error;
  }
  if (/[&]/.test(text)) documents.forEach((document, index) => checkExpansion(document, `${file} document ${index}`, limits));
  return documents;
}

// JSON.parse has no depth limit of its own: the nesting is measured first (outside strings).
function parseJson(text: string, file: string, limits: ReadLimits): unknown {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      if (++depth > limits.maxDepth) throw new NetpolError([{ where: `${file} at offset ${index}`, field: '', message: `nested deeper than ${limits.maxDepth} levels: not a manifest (raise the limit with --max-depth if it is)` }]);
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not plain JSON (a comment, several documents): YAML reads it and says where it fails
  }
}

// js-yaml 4 has no limit on aliases: a node that closes with no kind of its own but a value is an
// alias (`*name`); past the limit, the error says where, as the loader's own errors do. Without an
// anchor (`&name`) no alias can resolve, so anchor-free text (kubectl's, Helm's) needs no count.
function aliasCounter(limits: ReadLimits): (event: 'open' | 'close', state: LoaderState) => void {
  let aliases = 0;
  return (event, state) => {
    if (event === 'close' && state.kind === null && state.result !== null && ++aliases > limits.maxAliases) {
      throw new YAMLException(`aliases exceeded maxAliases (${limits.maxAliases})`, { line: state.line, column: state.position - state.lineStart });
    }
  };
}

// js-yaml shares an aliased value instead of copying it, so a "billion laughs" costs no memory
// while parsing; but every reader after it walks the copies. The expanded size is counted once
// per shared value.
function checkExpansion(document: unknown, where: string, limits: ReadLimits): void {
  const sizes = new Map<object, number>();
  const size = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return 1;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Object.values(value)) {
      total += size(child);
      if (total > limits.maxExpandedValues) break;
    }
    sizes.set(value, total);
    return total;
  };
  if (size(document) > limits.maxExpandedValues) {
    throw new NetpolError([{ where, field: '', message: `its aliases expand to more than ${limits.maxExpandedValues.toLocaleString('en-US')} values (a YAML alias bomb?)` }]);
  }
}

// The document an error is in, counted as parseManifests counts them: by the `---` lines before it
// (one that opens the text starts document 0).
function yamlWhere(text: string, file: string, error: YAMLException): string {
  if (!error.mark) return file;
  const lines = text.split('\n', error.mark.line + 1);
  // The loader ends the text with a line break of its own: an error at the very end is put after
  // the text's last character instead of on a line the file does not have.
  const mark = error.mark.line < lines.length ? error.mark : { line: lines.length - 1, column: lines[lines.length - 1].length };
  const starts = lines.slice(0, mark.line).filter((line) => /^---(\s|$)/.test(line)).length;
  const opening = lines.find((line) => !/^\s*(#.*)?$/.test(line) && !/^%/.test(line));
  const document = opening !== undefined && /^---(\s|$)/.test(opening) ? Math.max(0, starts - 1) : starts;
  return `${file} document ${document} line ${mark.line + 1} column ${mark.column + 1}`;
}

function yamlMessage(error: YAMLException, limits: ReadLimits): string {
  const reason = error.reason;
  if (/maxDepth/.test(reason)) return `nested deeper than ${limits.maxDepth} levels: not a manifest (raise the limit with --max-depth if it is)`;
  if (/maxAliases/.test(reason)) return `more than ${limits.maxAliases} YAML aliases: not a kubectl or Helm manifest (raise the limit with --max-aliases if it is)`;
  return `not valid YAML: ${reason}`;
}
