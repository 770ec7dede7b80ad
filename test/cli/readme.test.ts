// The analysis examples of the README and of docs/analysis.md are what the CLI prints now.
import * as fs from 'fs';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';

const ROOT = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const documents = [
  readme.slice(readme.indexOf('## Analysis: who can reach whom'), readme.indexOf('## Testing what policies mean')),
  fs.readFileSync(path.join(ROOT, 'docs', 'analysis.md'), 'utf8'),
];

// Each `$ npx netpol ...` line of a console block, with the lines up to the next command or the block's end.
const examples = documents.flatMap((text) => [...text.matchAll(/```console\n([\s\S]*?)```/g)].flatMap(([, block]) =>
  block.split(/^(?=\$ )/m).map((chunk) => {
    const [command, ...output] = chunk.split('\n');
    return { command: command.replace(/^\$ /, ''), output: output.join('\n') };
  }),
));

describe('README and docs/analysis.md, analysis examples', () => {
  it('has examples of reach, explain and diff', () => {
    expect(examples.map(({ command }) => command.split(' ')[2])).toEqual(expect.arrayContaining(['reach', 'explain', 'diff']));
  });

  it.each(examples)('shows what `$command` prints', async ({ command, output }) => {
    let out = '';
    await main(command.split(' ').slice(2), { out: (text) => (out += text), err: () => undefined, cwd: ROOT });
    expect(out).toBe(output);
  });
});
