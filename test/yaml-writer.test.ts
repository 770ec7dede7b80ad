import fc from 'fast-check';
import { load, YAML11_SCHEMA } from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { stringifyManifests } from '../lib/synth/yaml';

// kubectl reads YAML 1.1: a label value `yes` written bare would come back as the boolean true.
// Both readers must get the strings back: js-yaml's YAML 1.1 schema (the spec's rules, as go-yaml
// applies them) and the yaml package's YAML 1.2 core schema. (The yaml package's own 1.1 mode is
// not the reference: it reads `e3` and `.` as floats, which the 1.1 spec's float pattern does not.)
const readBoth = (text: string) => {
  const yaml11 = load(text, { schema: YAML11_SCHEMA });
  expect(parse(text)).toEqual(yaml11);
  return yaml11;
};
const AMBIGUOUS = ['E0', 'e3', '.', '0b101', '+1', '.5', '1:20', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', 'true', 'False', 'null', '~', '', '1.0', '0x1', '08', '0o7', '1e3', '1_000', '2001-01-01', '.inf', '-.5', '<<', '=', '123',
  // YAML 1.1 numbers js-yaml 4 does not know by itself (lib/synth/yaml.ts).
  '+.0', '.0_', '1:20.5', '0x_1f', '-1_0.5e+3', '0b1_0', '190:20:30'];

describe('stringifyManifests', () => {
  it.each(AMBIGUOUS)('keeps %j a string for a YAML 1.1 reader, as a value and as a key', (text) => {
    const manifest = { metadata: { labels: { [text || 'empty']: text, plain: text } } };
    expect(readBoth(stringifyManifests([manifest]))).toEqual(manifest);
  });

  it('round-trips label keys and values through a YAML 1.1 reader (property)', () => {
    const text = fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/);
    fc.assert(
      fc.property(fc.dictionary(text, text), fc.array(fc.oneof(text, fc.integer())), (labels, list) => {
        const manifest = { metadata: { labels }, list };
        expect(readBoth(stringifyManifests([manifest]))).toEqual(manifest);
      }),
    );
  });

  it('keeps strings made of number characters strings for a YAML 1.1 reader (property)', () => {
    const text = fc.stringMatching(/^[-+0-9._:eExXbBoOaAfFiInN]{0,10}$/);
    fc.assert(
      fc.property(fc.array(text), (list) => {
        expect(readBoth(stringifyManifests([{ list }]))).toEqual({ list });
      }),
      { numRuns: 3000 },
    );
  });

  // Free text (a description) may hold newlines and edge whitespace. Only the YAML 1.1 reader is
  // asked: the yaml package reads a block scalar's last line of only spaces as empty (" \n" comes
  // back ""), where js-yaml and PyYAML (libyaml, as go-yaml) keep the spaces the spec keeps.
  it('round-trips any text, newlines and edge whitespace included, through a YAML 1.1 reader (property)', () => {
    const awkward = fc.string({ unit: fc.constantFrom('\n', ' ', '\t', '#', ':', '-', '"', "'", '|', '>', 'a', 'é', '\u2028', '\u0085', '\ufeff', '\\', '%', '&', '*', '{', '[', ',', '?') });
    const text = fc.oneof(fc.string({ unit: 'binary' }), awkward);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), text), fc.array(text), (annotations, list) => {
        const manifest = { metadata: { annotations }, list };
        expect(load(stringifyManifests([manifest]), { schema: YAML11_SCHEMA })).toEqual(manifest);
      }),
      { numRuns: 2000 },
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
