import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, DIALECT_NAMES, FEATURES } from '../../lib';

// The README's capability matrix is CAPABILITIES written out: the two cannot drift apart.
function readmeMatrix(): string[][] {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Capability matrix\n'));
  if (!section) throw new Error('README.md has no "## Capability matrix" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('README capability matrix', () => {
  it('has a column per dialect and a row per feature, saying yes exactly where CAPABILITIES does', () => {
    const [header, , ...rows] = readmeMatrix();
    expect(header).toEqual(['Feature', 'What', ...DIALECT_NAMES]);
    const expected = Object.entries(FEATURES).map(([feature, what]) => [
      `\`${feature}\``,
      what,
      ...DIALECT_NAMES.map((dialect) => ((CAPABILITIES[dialect] as readonly string[]).includes(feature) ? 'yes' : 'no')),
    ]);
    expect(rows).toEqual(expected);
  });
});
