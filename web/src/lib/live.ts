import type { Api, CallbackEvent } from './api.js';

/** The event types the server sends on the stream. */
export const EVENT_TYPES = ['created', 'updated', 'claimed', 'released', 'attempted', 'completed', 'failed', 'cancelled', 'due', 'fallback'];

/** LiveState is what the live connection reports to its owner. */
export type LiveState = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface LiveHandlers {
  /** event is called for every change. */
  event(ev: CallbackEvent): void;
  /** resync is called after every (re)connection: reload the list then. */
  resync(): void;
  state(s: LiveState, detail?: string): void;
}

/** StreamSource is what Live needs of an API client: its root and stream tokens. */
export type StreamSource = Pick<Api, 'root' | 'eventToken'>;

/**
 * Live keeps one EventSource open for an agent and a team (or, for the console, the
 * whole tenant: both empty). A dropped stream is closed, a new token fetched and a new
 * stream opened, with growing back-off; after each (re)connection the owner reloads its
 * list, so no change is lost.
 */
export class Live {
  private es?: EventSource;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;
  private failures = 0;

  constructor(
    private api: StreamSource,
    private agentId: string,
    private teamId: string,
    private h: LiveHandlers,
  ) {}

  start() {
    this.stopped = false;
    void this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.es?.close();
    this.es = undefined;
    this.h.state('stopped');
  }

  private async connect() {
    if (this.stopped) return;
    this.h.state(this.failures ? 'retrying' : 'connecting');
    let token: string;
    try {
      token = (await this.api.eventToken(this.agentId, this.teamId)).token;
    } catch (e) {
      this.retry(e instanceof Error ? e.message : String(e));
      return;
    }
    if (this.stopped) return;
    const es = new EventSource(this.api.root + '/events?token=' + encodeURIComponent(token));
    this.es = es;
    let opened = false;
    es.onopen = () => {
      if (this.es !== es) return;
      opened = true;
      this.failures = 0;
      this.h.state('live');
      this.h.resync();
    };
    const onMessage = (m: MessageEvent) => {
      if (this.es !== es) return;
      try {
        this.h.event(JSON.parse(m.data) as CallbackEvent);
      } catch {
        /* a malformed message is skipped */
      }
    };
    for (const t of EVENT_TYPES) es.addEventListener(t, onMessage as EventListener);
    es.onmessage = onMessage;
    es.onerror = () => {
      if (this.es !== es) return;
      es.close();
      this.es = undefined;
      this.retry(opened ? 'The live connection dropped.' : 'The live connection could not be opened.');
    };
  }

  private retry(why: string) {
    if (this.stopped) return;
    this.failures++;
    const delay = Math.min(30000, 500 * 2 ** Math.min(this.failures - 1, 6));
    this.h.state('retrying', why);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}
