import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConformanceReport, renderPretty, writeReports } from '../../../src/conformance/report/index.js';
import { summary } from './fixture.js';

describe('writeReports', () => {
  let tmp = '';
  let stdout = '';
  const write = (s: string): void => {
    stdout += s;
  };
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'nx-reports-'));
    stdout = '';
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('prints pretty and writes json and junit files into outDir, creating it', async () => {
    const outDir = path.join(tmp, 'reports', 'nested');
    const files = await writeReports(summary, { reporters: ['pretty', 'json', 'junit'], outDir, toolVersion: '0.1.0', write });
    expect(files).toEqual([path.join(outDir, 'nx-conformance.json'), path.join(outDir, 'nx-conformance.junit.xml')]);
    expect((await readdir(outDir)).sort()).toEqual(['nx-conformance.json', 'nx-conformance.junit.xml']);
    expect(stdout).toBe(renderPretty(summary, { color: false }));
    const report = ConformanceReport.parse(JSON.parse(await readFile(files[0] ?? '', 'utf8')));
    expect(report.tool.version).toBe('0.1.0');
    expect(XMLValidator.validate(await readFile(files[1] ?? '', 'utf8'))).toBe(true);
  });

  it('prints json to stdout when there is no outDir', async () => {
    const files = await writeReports(summary, { reporters: ['json'], toolVersion: '0.1.0', write });
    expect(files).toEqual([]);
    expect(ConformanceReport.parse(JSON.parse(stdout)).counts).toEqual(summary.counts);
  });

  it('passes color through to pretty', async () => {
    await writeReports(summary, { reporters: ['pretty'], toolVersion: '0.1.0', write, color: true });
    expect(stdout).toBe(renderPretty(summary, { color: true }));
  });

  it('refuses two reporters on stdout before writing anything', async () => {
    await expect(writeReports(summary, { reporters: ['pretty', 'json'], toolVersion: '0.1.0', write })).rejects.toThrow(
      /pretty and json would all write to stdout; give --out DIR/,
    );
    expect(stdout).toBe('');
  });

  it('runs a reporter named twice once', async () => {
    const files = await writeReports(summary, { reporters: ['junit', 'junit'], outDir: tmp, toolVersion: '0.1.0', write });
    expect(files).toEqual([path.join(tmp, 'nx-conformance.junit.xml')]);
  });
});
