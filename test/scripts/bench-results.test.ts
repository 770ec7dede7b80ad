// bench/results.json keeps the latest full run of each section, so one section can be measured
// again alone (the machine was busy during it) without losing the others.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { recordResults, Row, sectionsText } from '../../bench/support/report';

const row = (benchmark: string, amount: number): Row => ({ benchmark, measure: 'size', value: { amount, unit: 'files' } });
const run = (date: string, start = '0.10') => ({ date, load: { start, end: '0.20' } });

describe('recordResults', () => {
  it('replaces the sections it ran, keeps the others, in the order of the benchmark', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-')), 'results.json');
    recordResults(file, ['P1', 'P2', 'P3'], { P2: { run: run('2026-12-01T10:00:00Z'), rows: [row('P2', 1)] }, P3: { run: run('2026-12-01T10:05:00Z'), rows: [row('P3', 2)] } });
    const results = recordResults(file, ['P1', 'P2', 'P3'], { P3: { run: run('2026-12-01T11:00:00Z', '0.05'), rows: [row('P3', 3), row('P3', 4)] }, P1: { run: run('2026-12-01T11:10:00Z'), rows: [row('P1', 5)] } });
    expect(results.rows.map((r) => [r.section, 'amount' in r.value ? r.value.amount : undefined])).toEqual([['P1', 5], ['P2', 1], ['P3', 3], ['P3', 4]]);
    expect(Object.keys(results.sections)).toEqual(['P1', 'P2', 'P3']);
    expect(results.sections.P2.date).toBe('2026-12-01T10:00:00Z');
    expect(sectionsText(results)).toContain('P3: 2026-12-01 11:00 UTC, load 0.05→0.20');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(results);
  });

  it('drops sections the benchmark no longer has', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-')), 'results.json');
    recordResults(file, ['P1', 'OLD'], { OLD: { run: run('2026-12-01T10:00:00Z'), rows: [row('OLD', 1)] } });
    const results = recordResults(file, ['P1'], { P1: { run: run('2026-12-01T11:00:00Z'), rows: [row('P1', 2)] } });
    expect(results.rows.map((r) => r.section)).toEqual(['P1']);
    expect(Object.keys(results.sections)).toEqual(['P1']);
  });
});
