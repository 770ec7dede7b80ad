import fc from 'fast-check';

/** A seeded source of choices (fast-check's generator), so every run generates the same cluster. */
export class Choices {
  private readonly values: number[];
  private next = 0;

  constructor(seed: number, count: number) {
    [this.values] = fc.sample(fc.array(fc.nat(), { minLength: count, maxLength: count }), { seed, numRuns: 1 });
  }

  /** An integer from 0 to `bound` - 1. */
  below(bound: number): number {
    if (this.next >= this.values.length) throw new Error('the generator ran out of choices: ask for more');
    return this.values[this.next++] % bound;
  }

  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}
