/**
 * The toasts for deaths and great rares: shown for as long as the dashboard
 * is open, whether or not the Alerts window is, fed by the same shared
 * subscription. Each goes by itself after a few seconds or when dismissed;
 * a burst keeps only the newest few on screen.
 */
import { onScopeDispose, shallowRef } from 'vue';
import { useAlertFeedStore } from './alertFeed';
import { isToastWorthy, type AlertItem } from './alertList';

/** How long a toast stays. */
export const TOAST_MS = 8_000;
/** Toasts on screen at most; a newer one pushes the oldest out. */
export const TOAST_LIMIT = 4;

/** The toasts on screen (newest first) while the calling scope lives. */
export function useAlertToasts(durationMs = TOAST_MS) {
  const feed = useAlertFeedStore();
  const toasts = shallowRef<readonly AlertItem[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function dismiss(id: string): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    toasts.value = toasts.value.filter((alert) => alert.id !== id);
  }

  function show(alert: AlertItem): void {
    toasts.value = [alert, ...toasts.value];
    timers.set(alert.id, setTimeout(() => dismiss(alert.id), durationMs));
    for (const pushedOut of toasts.value.slice(TOAST_LIMIT)) dismiss(pushedOut.id);
  }

  onScopeDispose(feed.onAlerts((alerts) => alerts.filter(isToastWorthy).forEach(show)));
  onScopeDispose(feed.start());
  onScopeDispose(() => timers.forEach((timer) => clearTimeout(timer)));
  return { toasts, dismiss };
}
