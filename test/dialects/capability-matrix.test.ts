import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, DIALECT_NAMES, FEATURES } from '../../lib';

// The capability matrix of docs/capabilities.md is CAPABILITIES written out: the two cannot drift apart.
function documentedMatrix(): string[][] {
  return fs.readFileSync(path.resolve(__dirname, '../../docs/capabilities.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('docs/capabilities.md, the capability matrix', () => {
  it('has a column per dialect and a row per feature, saying yes exactly where CAPABILITIES does', () => {
    const [header, , ...rows] = documentedMatrix();
    expect(header).toEqual(['Feature', 'What', ...DIALECT_NAMES]);
    const expected = Object.entries(FEATURES).map(([feature, what]) => [
      `\`${feature}\``,
      what,
      ...DIALECT_NAMES.map((dialect) => ((CAPABILITIES[dialect] as readonly string[]).includes(feature) ? 'yes' : 'no')),
    ]);
    expect(rows).toEqual(expected);
  });
});
