/**
 * Reminders shared by every copy of the widget in one document: the Callbacks page
 * records the callbacks that became due (or were handed to the team) and the Callback
 * panel shows the count too. Desktop notifications go out once per callback window,
 * whatever number of elements or reconnections.
 */

/** Reminder is one callback the agent was reminded of. */
export interface Reminder {
  id: string;
  kind: 'due' | 'fallback';
  /** The customer's name or number. */
  who: string;
}

const byAgent = new Map<string, Map<string, Reminder>>();
const notified = new Set<string>();
const bus = new EventTarget();

/** reminders returns the agent's unseen reminders. */
export function reminders(agentId: string): Reminder[] {
  return [...(byAgent.get(agentId)?.values() || [])];
}

/** setReminders replaces the agent's unseen reminders and tells the listeners. */
export function setReminders(agentId: string, list: Map<string, Reminder>) {
  byAgent.set(agentId, list);
  bus.dispatchEvent(new CustomEvent('change', { detail: agentId }));
}

/** onReminders calls fn when an agent's reminders change; it returns the unsubscribe function. */
export function onReminders(fn: (agentId: string) => void): () => void {
  const h = (e: Event) => fn(String((e as CustomEvent).detail));
  bus.addEventListener('change', h);
  return () => bus.removeEventListener('change', h);
}

/** notificationState is the browser's permission for desktop notifications, or 'unsupported'. */
export function notificationState(): NotificationPermission | 'unsupported' {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** askPermission asks for desktop notifications; call it from a user gesture only. */
export async function askPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    const r = await Notification.requestPermission();
    return r || Notification.permission;
  } catch {
    return Notification.permission;
  }
}

/**
 * notify shows a desktop notification once per key (a callback and its window), when the
 * agent allowed them. It returns whether one was shown.
 */
export function notify(key: string, title: string, body: string, icon: string, onClick: () => void): boolean {
  if (notified.has(key)) return false;
  notified.add(key);
  if (notificationState() !== 'granted') return false;
  try {
    const n = new Notification(title, { body, tag: key, icon });
    n.onclick = () => {
      try {
        window.focus();
      } catch {
        /* ignore */
      }
      onClick();
      n.close();
    };
    return true;
  } catch {
    return false;
  }
}

/** alreadyNotified reports whether a key was notified (or skipped) before. */
export function alreadyNotified(key: string) {
  return notified.has(key);
}
