import { createHmac, timingSafeEqual } from 'node:crypto';
import { signWebhook } from '@bothooks/core';
import { verifyRequest, verifyWebhook } from '@bothooks/receiver';
import { Webhook } from 'standardwebhooks';
import { eventOfSize, SECRET } from '../lib/event';
import { formatNumber, median, type Table } from '../lib/report';

// What verifying costs a receiver: @bothooks/receiver's synchronous pure-JavaScript HMAC (verifyWebhook, the
// path that works on every runtime) and its Web Crypto one (verifyRequest), against node:crypto itself and the
// standardwebhooks package, on bodies from a chat message to the receiver's 1 MiB default limit.

const KEY = Buffer.from(SECRET.slice('whsec_'.length), 'base64');

function rate(run: () => unknown, seconds: number): number {
  const samples: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < (seconds * 1000) / 3) {
      run();
      count += 1;
    }
    samples.push(count / ((performance.now() - started) / 1000));
  }
  return median(samples);
}

async function asyncRate(run: () => Promise<unknown>, seconds: number): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    let count = 0;
    const started = performance.now();
    while (performance.now() - started < (seconds * 1000) / 3) {
      await run();
      count += 1;
    }
    samples.push(count / ((performance.now() - started) / 1000));
  }
  return median(samples);
}

export async function verify(options: { quick: boolean }): Promise<{ table: Table; headline: string }> {
  const seconds = options.quick ? 0.3 : 1.5;
  const rows: (string | number)[][] = [];
  let typicalRatio = 0;
  for (const bytes of [1_024, 16_384, 262_144, 1_048_576]) {
    const payload = JSON.stringify(eventOfSize(bytes));
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_bench',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: 'msg_bench', timestamp, payload, secret: SECRET }),
    };
    const expected = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
    const pureJs = rate(() => verifyWebhook({ payload, headers, secret: SECRET }), seconds);
    const webCrypto = await asyncRate(
      () =>
        verifyRequest(new Request('https://receiver.example/', { method: 'POST', body: payload, headers }), {
          secret: SECRET,
        }),
      seconds,
    );
    const node = rate(() => {
      const mac = createHmac('sha256', KEY).update(`msg_bench.${timestamp}.`).update(payload).digest();
      return timingSafeEqual(mac, expected) && JSON.parse(payload);
    }, seconds);
    const reference = new Webhook(SECRET);
    const standard = rate(() => reference.verify(payload, headers), seconds);
    if (bytes === 1_024) typicalRatio = pureJs / node;
    rows.push([
      `${formatNumber(bytes / 1024)} KiB`,
      formatNumber(pureJs),
      formatNumber((pureJs * payload.length) / 2 ** 20, 1),
      formatNumber(webCrypto),
      formatNumber(node),
      formatNumber(standard),
    ]);
  }
  return {
    table: {
      title: '7. Verifying a request (verifications per second, one core)',
      note: 'verifyWebhook: pure-JS SHA-256, synchronous on every runtime. verifyRequest: Web Crypto, including building and reading the Request. node:crypto: createHmac + timingSafeEqual + JSON.parse, the floor. standardwebhooks: the reference package.',
      columns: ['body', 'verifyWebhook', 'its MiB/s', 'verifyRequest', 'node:crypto', 'standardwebhooks'],
      rows,
    },
    headline: `A 1 KiB event verifies ${formatNumber(rows[0]?.[1] === undefined ? 0 : Number(String(rows[0][1]).replaceAll(',', '')))} times a second with the synchronous pure-JS verifyWebhook (${typicalRatio.toFixed(2)}× node:crypto's rate).`,
  };
}
