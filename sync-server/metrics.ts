import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './log.ts';
import type { SyncMetrics } from './ws/sync-metrics.ts';

/** The process's own figures (heap, event-loop lag, CPU): one set per process, however many servers it runs. */
let processRegistry: Registry | null = null;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What the gauges read when Prometheus asks (app.ts knows them: the sockets and the rooms). */
export interface MetricSources {
  connections(): number;
  documents(): number;
}

/**
 * OPS-4: one server's Prometheus metrics, in a registry of its own (never prom-client's global
 * one), so that the servers a test process starts do not count into each other. The sync path's
 * counts are plain numbers bumped by `SyncMetrics` (no label object, no allocation per update) and
 * handed to prom-client only when it collects; the gauges are read at that moment too.
 */
export class ServerMetrics implements SyncMetrics {
  readonly registry = new Registry();
  private updates = 0;
  private refusals = 0;
  private sources: MetricSources = { connections: () => 0, documents: () => 0 };
  private readonly commitSeconds: Histogram;

  constructor(private readonly logger: Logger) {
    processMetrics();
    const registers = [this.registry];
    // Read when Prometheus collects, never kept up to date on the sync path.
    const gauge = (name: string, help: string, read: () => number) => {
      const g: Gauge = new Gauge({ name, help, registers, collect: () => g.set(read()) });
    };
    const counter = (name: string, help: string, read: () => number) => {
      const c: Counter = new Counter({
        name,
        help,
        registers,
        collect: () => {
          c.reset();
          c.inc(read());
        },
      });
    };
    gauge('journal_ws_connections', 'Open sync WebSocket connections', () => this.sources.connections());
    gauge('journal_documents_loaded', 'Documents (journals, the school year, diaries, conversations, boards) loaded in memory', () =>
      this.sources.documents(),
    );
    counter('journal_updates_total', "Clients' updates accepted and applied", () => this.updates);
    counter('journal_rejects_total', "Clients' updates refused whole and changes refused and compensated", () => this.refusals);
    this.commitSeconds = new Histogram({
      name: 'journal_commit_seconds',
      help: 'Time from the start of a room commit to its being on disk (what an acknowledgement waits for)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
  }

  /** Where the gauges read, once the sockets and the rooms exist (app.ts). */
  observe(sources: MetricSources): void {
    this.sources = sources;
  }

  updateAccepted(): void {
    this.updates++;
  }

  refused(): void {
    this.refusals++;
  }

  committed(seconds: number): void {
    this.commitSeconds.observe(seconds);
  }

  loaded(name: string): void {
    this.logger.debug({ doc: name }, 'document loaded');
  }

  unloaded(name: string): void {
    this.logger.debug({ doc: name }, 'document unloaded');
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text: the process's figures, then this server's. */
  async text(): Promise<string> {
    return (await processMetrics().metrics()) + (await this.registry.metrics());
  }
}
