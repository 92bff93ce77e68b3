/** An array-backed queue with O(1) amortised `shift`, for queues that may hold many thousands of jobs. */
export class Fifo<TItem> {
  private items: (TItem | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: TItem): void {
    this.items.push(item);
  }

  peek(): TItem | undefined {
    return this.items[this.head];
  }

  shift(): TItem | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    // Compact once the consumed prefix dominates, so memory follows the live length.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
