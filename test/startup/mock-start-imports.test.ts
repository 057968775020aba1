// `nx-conformance mock` starts in well under half a second only while its static imports stay
// lean (issue 16): the runner's report renderers and the like are loaded when a command needs them.
import { describe, expect, it } from 'vitest';
import { staticGraph } from './static-imports.js';

describe('the mock command loads at start-up', () => {
  const { files, packages } = staticGraph('src/cli/mock-command.ts');

  it('reaches the mock itself (the graph walker follows imports)', () => {
    expect(files).toContain('src/mock/http/start-mock.ts');
    expect(files).toContain('src/mock/http/create-mock-app.ts');
    expect(packages).toContain('express');
  });

  it('not the report renderers of the conformance runner', () => {
    expect([...files].filter((f) => f.startsWith('src/conformance/'))).toEqual([]);
    expect(packages).not.toContain('junit-report-builder');
  });

  it('not the replay or CoinGecko market sources when the market is the model', () => {
    // mock-command imports open-market.ts dynamically; it imports a source only when asked for one.
    const market = staticGraph('src/market-sources/open-market.ts').files;
    expect([...market].filter((f) => f.startsWith('src/market-sources/'))).toEqual(['src/market-sources/open-market.ts', 'src/market-sources/parse-market-spec.ts']);
  });

  it('not the control API nor the dashboard: they load on the first /__nx request', () => {
    expect([...files].filter((f) => f.startsWith('src/mock/http/control/') || f.startsWith('src/generated/control/') || f === 'src/mock/ui/serve-ui.ts')).toEqual([]);
  });
});
