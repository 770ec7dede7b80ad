import fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { stringifyManifests } from '../lib/synth/yaml';

// kubectl reads YAML 1.1: a label value `yes` written bare would come back as the boolean true.
const AMBIGUOUS = ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', 'true', 'False', 'null', '~', '', '1.0', '0x1', '08', '0o7', '1e3', '1_000', '2001-01-01', '.inf', '-.5', '<<', '=', '123'];

describe('stringifyManifests', () => {
  it.each(AMBIGUOUS)('keeps %j a string for a YAML 1.1 reader, as a value and as a key', (text) => {
    const manifest = { metadata: { labels: { [text || 'empty']: text, plain: text } } };
    expect(parse(stringifyManifests([manifest]), { version: '1.1' })).toEqual(manifest);
  });

  it('round-trips label keys and values through a YAML 1.1 reader (property)', () => {
    const text = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/);
    fc.assert(
      fc.property(fc.dictionary(text, text), fc.array(fc.oneof(text, fc.integer())), (labels, list) => {
        const manifest = { metadata: { labels }, list };
        expect(parse(stringifyManifests([manifest]), { version: '1.1' })).toEqual(manifest);
      }),
    );
  });

  it('writes shared objects out in full, never as anchors', () => {
    const selector = { matchLabels: { app: 'db' } };
    const text = stringifyManifests([{ a: selector, b: selector }]);
    expect(text).not.toMatch(/[&*]ref/);
    expect(parse(text)).toEqual({ a: selector, b: selector });
  });

  it('separates documents and keeps their order', () => {
    const documents = parseAllDocuments(stringifyManifests([{ kind: 'A' }, { kind: 'B' }, { kind: 'C' }]));
    expect(documents.map((document) => document.toJS().kind)).toEqual(['A', 'B', 'C']);
  });
});
