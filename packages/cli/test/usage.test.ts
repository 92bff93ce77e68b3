import { createServer } from 'node:net';
import { signWebhook } from '@bothooks/core';
import { createReceiver } from '@bothooks/testkit';
import { describe, expect, it } from 'vitest';
import { CLI_VERSION } from '../src/package-files';
import { runCli, startListen } from './helpers/cli';
import { runInProcess } from './helpers/in-process';

describe('help', () => {
  it('bothooks --help prints usage and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: bothooks [options] [command]');
    for (const command of ['listen', 'send', 'verify', 'secret'])
      expect(run.stdout).toContain(`  ${command} `);
  });

  it.each([
    [['listen'], 'Usage: bothooks listen [options]', '--forward-to <url>'],
    [['send'], 'Usage: bothooks send [options] <url>', '--type <type>'],
    [['verify'], 'Usage: bothooks verify [options] <url>', '--timeout <ms>'],
    [['secret'], 'Usage: bothooks secret [options]', '--help'],
    [['help', 'send'], 'Usage: bothooks send [options] <url>', '--platform <platform>'],
  ])('bothooks %j --help prints usage and exits 0', async (command, usage, option) => {
    const run = await runInProcess([...command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(usage);
    expect(run.stdout).toContain(option);
  });

  it('lists the exit codes in the main help', async () => {
    const run = await runInProcess(['--help']);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 /);
  });

  it('prints the version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(CLI_VERSION);
  });
});

describe('usage errors exit 2 with a helpful message', () => {
  it('from the bin', async () => {
    const run = await runCli(['bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: unknown command 'bogus'");
  });

  it.each([
    [['lisen'], '(Did you mean listen?)'],
    [['send'], "error: missing required argument 'url'"],
    [['send', 'http://127.0.0.1:9', '--type', 'message.exploded'], 'Allowed choices are message.received'],
    [
      ['send', 'http://127.0.0.1:9', '--platform', 'irc'],
      'Allowed choices are telegram, discord, botframework, slack',
    ],
    [['send', 'not a url'], 'error: the URL is not an absolute URL'],
    [['send', 'ftp://127.0.0.1/'], 'error: the URL must be an http: or https: URL, not ftp:'],
    [
      ['send', 'http://127.0.0.1:9', '--method', 'GET'],
      'error: --method GET is only for --type jsonapi.request',
    ],
    [['listen', '--port', 'eighty'], '--port must be a whole number from 0 to 65535'],
    [['listen', '--forward-to', 'localhost:3000'], 'error: --forward-to must be an http: or https: URL'],
    [['listen', '--reply', '/does/not/exist.json'], 'error: /does/not/exist.json does not exist'],
    [['verify', 'http://127.0.0.1:9', '--timeout', '-1'], '--timeout must be a whole number'],
    [['listen', '--jsn'], "error: unknown option '--jsn'"],
  ])('bothooks %j', async (args, message) => {
    const run = await runInProcess(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('says what is wrong with a secret without ever repeating it', async () => {
    const secret = 'whsec_dGhpcyBpcyB0b28gc2hvcnQ=';
    for (const command of [
      ['send', 'http://127.0.0.1:9'],
      ['verify', 'http://127.0.0.1:9'],
      ['listen', '--port', '0'],
    ]) {
      const run = await runCli([...command, '--secret', secret]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('error: the secret decodes to 17 bytes; at least 24 are required');
      expect(run.stderr).toContain('hint: run `bothooks secret` for a new one');
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(run.stdout + run.stderr).not.toContain('dGhpcyBpcyB0b28gc2hvcnQ');
    }
    const signature = await runInProcess(['send', 'http://127.0.0.1:9', '--secret', 'v1,abc']);
    expect(signature.stderr).toContain('looks like a signature ("v1,..."), not a "whsec_" secret');
  });

  it('shows usage for a bare `bothooks`', async () => {
    const run = await runInProcess([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: bothooks');
  });
});

describe('exit code 3: nothing answered', () => {
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('send and verify to a port nobody listens on', async () => {
    const port = await closedPort();
    const send = await runCli(['send', `http://127.0.0.1:${port}/hooks`]);
    expect(send.code).toBe(3);
    expect(send.stdout).toContain(`✗ no answer: nothing is listening on 127.0.0.1:${port}`);
    const verify = await runCli(['verify', `http://127.0.0.1:${port}/hooks`]);
    expect(verify.code).toBe(3);
    expect(verify.stdout).toContain('CONNECTION_REFUSED');
    expect(verify.stdout).toContain('hint: is the receiver running, on that port?');
  });

  it('send to an endpoint that does not answer in time', async () => {
    const endpoint = await createReceiver();
    try {
      endpoint.script([{ hang: true }]);
      const run = await runCli(['send', endpoint.url(), '--timeout', '300']);
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('✗ no answer: no complete answer within 300 ms');
    } finally {
      await endpoint.close();
    }
  });

  it('listen on a port that is taken', async () => {
    const first = await startListen(['--port', '0']);
    try {
      const port = new URL(first.url).port;
      const run = await runCli(['listen', '--port', port]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`error: port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).toContain('hint: stop the other program, or pass --port 0 for any free port');
    } finally {
      await first.stop();
    }
  });
});

describe('exit code 1: answered, but not as required', () => {
  it('verify against a receiver that echoes the wrong challenge', async () => {
    const endpoint = await createReceiver();
    try {
      endpoint.script([
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"challenge":"nope"}' },
      ]);
      const run = await runCli(['verify', endpoint.url()]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('CHALLENGE_MISMATCH');
      expect(run.stdout).toContain('must echo data.challenge');
    } finally {
      await endpoint.close();
    }
  });

  it('verify against a redirect, which is never followed', async () => {
    const endpoint = await createReceiver();
    try {
      endpoint.script([{ redirectTo: `${endpoint.origin}/final` }]);
      const run = await runCli(['verify', endpoint.url('/moved')]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('REDIRECT');
      expect(endpoint.on('/final')).toHaveLength(0);
    } finally {
      await endpoint.close();
    }
  });
});

describe('bothooks secret', () => {
  it('prints a fresh whsec_ secret that signs, alone on its line', async () => {
    const [first, second] = await Promise.all([runCli(['secret']), runCli(['secret'])]);
    for (const run of [first, second]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^whsec_[A-Za-z0-9+/]{43}=\n$/);
      expect(() =>
        signWebhook({ id: 'msg_1', timestamp: 1, payload: '{}', secret: run.stdout.trim() }),
      ).not.toThrow();
    }
    expect(first?.stdout).not.toBe(second?.stdout);
  });
});

describe('colour', () => {
  it('is off when the output is not a terminal, on with FORCE_COLOR, and NO_COLOR wins over both', async () => {
    const endpoint = await createReceiver();
    try {
      const forced = await runCli(['send', endpoint.url()], { env: { FORCE_COLOR: '1' } });
      expect(forced.stdout).toContain('\u001b[32m204 No Content\u001b[39m');
      const plain = await runInProcess(['send', endpoint.url()]);
      expect(plain.stdout).toContain('204 No Content');
      expect(plain.stdout).not.toContain('\u001b[');
      const refused = await runInProcess(['send', endpoint.url()], { FORCE_COLOR: '1', NO_COLOR: '1' });
      expect(refused.stdout).toContain('204 No Content');
      expect(refused.stdout).not.toContain('\u001b[');
    } finally {
      await endpoint.close();
    }
  });
});
