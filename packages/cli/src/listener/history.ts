import type { Delivery } from './delivery';

/** A delivery with what is needed to send it again exactly: the headers as received and the raw body. */
export interface StoredDelivery {
  delivery: Delivery;
  rawHeaders: readonly string[];
  rawBody: Buffer;
}

/** The deliveries the listener remembers for the inspector: the newest, bounded in number and in bytes. */
export class History {
  readonly #entries: StoredDelivery[] = [];
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  add(entry: StoredDelivery): void {
    this.#entries.push(entry);
    this.#bytes += entry.rawBody.length;
    while (
      this.#entries.length > 1 &&
      (this.#entries.length > this.maxEntries || this.#bytes > this.maxBytes)
    ) {
      const oldest = this.#entries.shift() as StoredDelivery;
      this.#bytes -= oldest.rawBody.length;
    }
  }

  get(id: number): StoredDelivery | undefined {
    return this.#entries.find((entry) => entry.delivery.id === id);
  }

  deliveries(): Delivery[] {
    return this.#entries.map((entry) => entry.delivery);
  }
}
