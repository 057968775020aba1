// The requirements matrix is complete and enforced: every normative statement of the spec and
// SIGNING.md has an id; every checkable one is covered by a check; every check cites known ids
// only; what cannot be checked says why; the README states the coverage as it is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { catalogue } from '../../src/conformance/catalogue.js';
import { clientChecks, scenarios } from '../../src/conformance/client/index.js';
import { PROXY_RULES } from '../../src/conformance/proxy/proxy-findings.js';
import { loadRequirements } from '../../src/conformance/requirements/load-requirements.js';
import { buildMatrix, matrixFigures, renderMatrix } from '../../src/conformance/requirements/matrix.js';
import { serverMatrix } from '../../src/conformance/requirements/server-matrix.js';
import { receiverChecks } from '../../src/conformance/webhook-receiver/index.js';
import { vi } from 'vitest';

const requirements = loadRequirements();

describe('the requirements matrix', () => {
  it('covers every checkable requirement with a check of the server runner', () => {
    const matrix = serverMatrix();
    expect(matrix.uncovered.map((r) => `${r.id}: ${r.text}`)).toEqual([]);
  });

  it('has checks cite only requirements that exist and can be checked (server, client, receiver, proxy)', () => {
    const everyChecker = [...catalogue, ...clientChecks, ...scenarios.map((s) => s.check), ...receiverChecks, ...PROXY_RULES];
    const matrix = buildMatrix(requirements, everyChecker);
    expect(matrix.unknown).toEqual([]);
    expect(matrix.claimedUncheckable).toEqual([]);
  });

  it('has every check of the catalogue cover at least one requirement', () => {
    expect(catalogue.filter((c) => c.requirements.length === 0).map((c) => c.id)).toEqual([]);
  });

  it('says why each uncheckable requirement cannot be checked', () => {
    for (const r of requirements.filter((x) => x.uncheckable)) expect(r.uncheckable?.length, r.id).toBeGreaterThan(40);
  });

  it('catches a requirement nobody checks and a check citing an unknown id', () => {
    const matrix = buildMatrix([...requirements, { id: 'made.up', source: 'test', text: 'a rule' }], [...catalogue, { id: 'test.check', requirements: ['no.such-id'] }]);
    expect(matrix.uncovered.map((r) => r.id)).toContain('made.up');
    expect(matrix.unknown).toEqual([{ check: 'test.check', id: 'no.such-id' }]);
    expect(renderMatrix(matrix)).toContain('made.up\ta rule\n\tNOT COVERED by any check');
  });

  it('lists every check of the catalogue in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(catalogue.filter((c) => !readme.includes(`| \`${c.id}\` | ${c.category} |`)).map((c) => c.id)).toEqual([]);
  });

  it('is what the README says', () => {
    const f = matrixFigures(serverMatrix());
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`**${f.requirements} requirements**: ${f.checkable} checkable, all ${f.covered} covered by the catalogue; ${f.uncheckable} cannot be checked from outside`);
    expect(f.covered).toBe(f.checkable);
  });

  it('is printed by server --list --requirements, without --base-url', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    try {
      expect(await main(['server', '--list', '--requirements'])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    expect(out).toContain('isolation.orders.list\tGET /orders lists the agent\'s own orders only.\n\tchecked by permission.cross-agent-lists');
    expect(out).toMatch(/webhooks\.delivery\t.*\n\tuncheckable: The server would have to call a receiver/);
    expect(out).toMatch(/\n\d+ requirements: \d+ checkable, \d+ of them covered by a check; \d+ cannot be checked from outside \(the reason is given\)\n$/);
  });
});
