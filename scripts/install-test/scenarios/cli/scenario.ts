import type { Scenario } from '../../lib/scenario';

/** The installed `bothooks` bin, through npx: its help, and a signed sample event sent to the receiver. */
export const scenario: Scenario = {
  commands: ({ endpoint, label, secret }) => {
    const text = `hello from ${label}`;
    return [
      { args: ['npx', 'bothooks', '--help'], output: ['listen', 'send', 'verify', 'secret'] },
      {
        args: ['npx', 'bothooks', 'send', endpoint, '--platform', 'telegram', '--text', text],
        env: { BOTHOOKS_SECRET: secret },
        expected: [{ type: 'message.received', platform: 'telegram', text }],
      },
    ];
  },
};
