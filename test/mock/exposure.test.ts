// A mock bound beyond loopback: the control API, the demo agents and webhook targets other than
// public are off unless given explicitly, and start-up says what is exposed. On loopback the
// defaults stay as they were.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../src/mock/http/start-mock.js';
import { isLoopbackHost } from '../../src/net/loopback.js';
import { cliArgs } from '../support/spawn-node.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((m) => m.close()));
});

async function start(host: string, extra: Parameters<typeof startMock>[0] = {}) {
  const lines: string[] = [];
  const mock = await startMock({ host, port: 0, log: (l) => lines.push(l), ...extra });
  running.push(mock);
  // Whatever the bind address, this machine reaches it through loopback.
  const origin = `http://127.0.0.1:${new URL(mock.url).port}`;
  return { mock, lines, origin };
}

async function registerAndHook(origin: string, url: string) {
  const reg = await fetch(`${origin}/v1/agent/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'n', mode: 'sandbox', permissions: ['write:webhook'] }) });
  const { agent } = (await reg.json()) as { agent: { apiKey: string } };
  return fetch(`${origin}/v1/agent/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-nx-key': agent.apiKey }, body: JSON.stringify({ url, events: ['order.filled'] }) });
}

describe('isLoopbackHost', () => {
  it('knows loopback addresses and names from everything else', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST.', 'api.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '192.168.1.10', '10.0.0.1', 'fe80::1', 'example.com', 'localhost.example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('a mock bound beyond loopback', () => {
  it('keeps the control API, the demo agents and private webhook targets off, and says so', async () => {
    const { mock, lines, origin } = await start('0.0.0.0');
    expect(mock.ctx.options).toMatchObject({ control: false, demoAgents: false, webhookTargets: 'public' });
    expect(mock.ctx.demoAgents).toEqual([]);
    expect((await fetch(`${origin}/__nx/info`)).status).toBe(404);
    expect((await fetch(`${origin}/__nx/journal`)).status).toBe(404);
    const hook = await registerAndHook(origin, 'http://127.0.0.1:9/hook');
    expect(hook.status).toBe(400);
    expect(((await hook.json()) as { code: string }).code).toBe('webhook_url_not_allowed');
    const warning = lines.join('\n');
    expect(warning).toMatch(/WARNING: http:\/\/0\.0\.0\.0:\d+ is not a loopback address/);
    expect(warning).toMatch(/control API \/__nx: off \(--control/);
    expect(warning).toMatch(/demo agents: off \(--demo-agents/);
    expect(warning).toMatch(/webhook targets: public only/);
  });

  it('turns each on when asked explicitly, and the warning says what that exposes', async () => {
    const { mock, lines, origin } = await start('0.0.0.0', { control: true, demoAgents: true, webhookTargets: 'any' });
    expect(mock.ctx.demoAgents.length).toBe(2);
    expect((await fetch(`${origin}/__nx/info`)).status).toBe(200);
    expect((await registerAndHook(origin, 'http://127.0.0.1:9/hook')).status).toBe(201);
    const warning = lines.join('\n');
    expect(warning).toMatch(/control API \/__nx: ON \(--control\): anyone can reset it/);
    expect(warning).toMatch(/demo agents: ON .*anyone who knows it can act as them/);
    expect(warning).toMatch(/webhook targets: any .*its own network/);
  });

  it('on loopback keeps the usual defaults and prints no warning', async () => {
    const { mock, lines, origin } = await start('127.0.0.1');
    expect(mock.ctx.options).toMatchObject({ control: true, demoAgents: true, webhookTargets: 'any' });
    expect((await fetch(`${origin}/__nx/info`)).status).toBe(200);
    expect(lines.filter((l) => l.includes('WARNING'))).toEqual([]);
  });

  it('the CLI: --host 0.0.0.0 warns on stderr, leaves the control API off and honours --demo-agents', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, cliArgs(['mock', '--host', '0.0.0.0', '--port', '0', '--demo-agents']), { cwd: ROOT, env: { ...process.env, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      while (!/Ctrl-C stops it/.test(out) && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      expect(child.exitCode, err).toBe(null);
      expect(err).toMatch(/\[mock\] WARNING: http:\/\/0\.0\.0\.0:\d+ is not a loopback address/);
      expect(err).toContain('control API /__nx: off');
      expect(err).toContain('demo agents: ON (--demo-agents)');
      expect(out).toMatch(/demo sandbox agent: key nx_test_/);
      expect(out).not.toContain('control: http');
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
