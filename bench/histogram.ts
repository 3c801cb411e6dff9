/**
 * Latency histogram with constant memory: logarithmic buckets 1 % wide from 10 µs to ~100 s, so
 * a soak of hours records every response without growing the load generator's own memory (which
 * shares the process RSS with the server being measured).
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const BUCKETS = Math.ceil(Math.log(10_000_000) / Math.log(GROWTH)) + 1;

export class LatencyHistogram {
  readonly counts = new Float64Array(BUCKETS);
  total = 0;
  max = 0;

  record(ms: number): void {
    const index = ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / Math.log(GROWTH)));
    this.counts[index]! += 1;
    this.total++;
    if (ms > this.max) this.max = ms;
  }

  add(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.max = 0;
  }

  /** The latency (ms, 2 decimals, upper bound of its 1 % bucket) that `p` percent of responses did not exceed. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.round(Math.min(this.max, MIN_MS * GROWTH ** i) * 100) / 100;
    }
    return Math.round(this.max * 100) / 100;
  }
}
