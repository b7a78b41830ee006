import type { CpuReading } from "./cpu.js";

/** Latencies and outcome of one phase of a run. */
export interface PhaseStats {
  name: string;
  requests: number;
  errors: number;
  /** First few error descriptions, to say what went wrong without flooding the report. */
  errorSamples: string[];
  wallMs: number;
  /** Per-request latencies in ms, sorted ascending. */
  latencies: number[];
  /** CPU each process spent during the phase, where it can be measured. */
  cpu?: CpuReading;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** Collects one phase's requests; latencies are kept whole (a large run is ~1M numbers, a few MiB). */
export class PhaseRecorder {
  private readonly latencies: number[] = [];
  private errors = 0;
  private readonly errorSamples: string[] = [];
  private readonly started = performance.now();

  constructor(private readonly name: string) {}

  record(ms: number, error?: string): void {
    this.latencies.push(ms);
    if (error === undefined) return;
    this.errors += 1;
    if (this.errorSamples.length < 5) this.errorSamples.push(error);
  }

  finish(): PhaseStats {
    return {
      name: this.name,
      requests: this.latencies.length,
      errors: this.errors,
      errorSamples: this.errorSamples,
      wallMs: performance.now() - this.started,
      latencies: this.latencies.sort((a, b) => a - b),
    };
  }
}
