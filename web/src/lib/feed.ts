/**
 * The live feed of one agent: one event stream per document, shared by every widget of
 * the script that shows that agent, open while any of them is connected. The real Desktop
 * may drop the Callbacks page's element when the agent navigates away, so reminders (due
 * callbacks and callbacks handed to the team) and their notifications live here, not in
 * the page: the panel counts them whether or not the page exists.
 */
import type { Api, Callback, CallbackEvent } from './api.js';
import { Live, LiveState } from './live.js';
import { desktopNotify, inDesktop } from './desktop.js';
import { span } from './time.js';

/** Reminder is one callback the agent was reminded of and has not looked at yet. */
export interface Reminder {
  id: string;
  kind: 'due' | 'fallback';
  /** The customer's name or number. */
  who: string;
}

/** FeedHandlers are what a widget hears from the feed; every handler is optional. */
export interface FeedHandlers {
  /** event is called for every change. */
  event?(ev: CallbackEvent): void;
  /** resync is called after every (re)connection: reload the list then. */
  resync?(): void;
  state?(s: LiveState, detail?: string): void;
  /** reminders is called when the reminders change. */
  reminders?(): void;
  /** reveal is called when the agent clicks a browser notification. */
  reveal?(id: string): void;
}

/** Notifications already shown (or skipped), per callback window, for the document's life. */
const notified = new Set<string>();

/** Feed is one agent's stream and reminders. */
export class Feed {
  readonly reminders = new Map<string, Reminder>();
  state: LiveState = 'connecting';
  readonly subs = new Set<FeedHandlers>();
  private live: Live;

  constructor(
    readonly api: Api,
    readonly agentId: string,
    readonly teamId: string,
  ) {
    this.live = new Live(api, agentId, teamId, {
      event: (ev) => this.onEvent(ev),
      resync: () => this.each((h) => h.resync?.()),
      state: (s, d) => {
        this.state = s;
        this.each((h) => h.state?.(s, d));
      },
    });
    this.live.start();
  }

  private each(fn: (h: FeedHandlers) => void) {
    for (const h of [...this.subs]) fn(h);
  }

  stop() {
    this.live.stop();
  }

  /** sees reports whether the agent's list holds the callback (open, and the agent's or the team's). */
  sees(cb: Callback) {
    return (cb.status === 'scheduled' || cb.status === 'claimed') && (cb.agentId === this.agentId || (cb.agentId === null && cb.teamId === this.teamId));
  }

  /** onEvent keeps the reminders and passes the event on. */
  onEvent(ev: CallbackEvent) {
    const cb = ev?.callback;
    if (!cb) return;
    if (this.reminders.has(cb.id) && (!this.sees(cb) || (cb.status === 'claimed' && cb.claimedBy !== this.agentId))) this.forget(cb.id);
    if (ev.type === 'due' && this.sees(cb)) this.remind(cb, 'due', cb.id + '|due|' + cb.windowStart);
    if (ev.type === 'fallback' && String(ev.data?.previousAgentId || '') !== this.agentId && this.sees(cb)) this.remind(cb, 'fallback', cb.id + '|fallback|' + cb.version);
    this.each((h) => h.event?.(ev));
  }

  /** forget clears a callback's reminder (the agent looked at it, or it is gone). */
  forget(id: string) {
    if (this.reminders.delete(id)) this.each((h) => h.reminders?.());
  }

  /** clear forgets every reminder. */
  clear() {
    this.reminders.clear();
    this.each((h) => h.reminders?.());
  }

  private remind(cb: Callback, kind: Reminder['kind'], key: string) {
    const who = cb.customerName || cb.phoneNumber;
    this.reminders.set(cb.id, { id: cb.id, kind, who });
    this.each((h) => h.reminders?.());
    if (notified.has(key)) return;
    notified.add(key);
    const title = kind === 'due' ? 'Callback due: ' + who : 'Overdue callback for your team: ' + who;
    const body = `${cb.phoneNumber} · ${span(new Date(cb.windowStart), new Date(cb.windowEnd))} your time${cb.agentId ? ' · yours' : ' · team ' + cb.teamId}`;
    // In the Desktop its own notifications (they follow the agent's settings); elsewhere the browser's.
    if (inDesktop()) desktopNotify(title, body);
    else if (notificationState() === 'granted') {
      try {
        const n = new Notification(title, { body, tag: key, icon: this.api.base + '/logo.svg' });
        n.onclick = () => {
          window.focus();
          this.each((h) => h.reveal?.(cb.id));
          n.close();
        };
      } catch {
        /* not allowed here */
      }
    }
  }
}

const feeds = new Map<string, Feed>();

/**
 * subscribe joins the agent's feed, starting it for the first widget; the returned
 * function leaves it, and the last widget to leave closes the stream.
 */
export function subscribe(api: Api, agentId: string, teamId: string, h: FeedHandlers): [Feed, () => void] {
  const key = api.key + '\n' + agentId + '\n' + teamId;
  let f = feeds.get(key);
  if (!f) feeds.set(key, (f = new Feed(api, agentId, teamId)));
  const feed = f;
  feed.subs.add(h);
  return [
    feed,
    () => {
      feed.subs.delete(h);
      if (!feed.subs.size && feeds.get(key) === feed) {
        feeds.delete(key);
        feed.stop();
      }
    },
  ];
}

/** notificationState is the browser's permission for notifications, or 'unsupported'. */
export function notificationState(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** askPermission asks for browser notifications (outside the Desktop); call it from a user gesture only. */
export async function askPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return (await Notification.requestPermission()) || Notification.permission;
  } catch {
    return Notification.permission;
  }
}
