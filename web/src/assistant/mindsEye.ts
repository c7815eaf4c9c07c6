/**
 * Mind's Eye: every assistant's tool calls as they happen, for the Mind's Eye
 * window (the timeline, each session's state) and the map (what the sessions
 * look at). The store owns the one `mindsEye` subscription while at least one
 * of them has called {@link start}, so the timeline opened later still shows
 * what the map saw since the page loaded.
 */
import { defineStore } from 'pinia';
import { shallowRef, watch } from 'vue';
import { GraphError, request } from '../graph/client';
import { MindsEyeDocument, MindsEyeHistoryDocument } from '../graph/generated/graphql';
import { useSubscription } from '../graph/use';
import { addLook, type SessionLook } from './focus';
import { addHistory, addTrace, type AssistantTrace, type TimelineEntry } from './timeline';
import { sharedFeed } from '../graph/shared';

/** Stored tool calls read when Mind's Eye opens. */
export const HISTORY_SIZE = 50;

export const useMindsEyeStore = defineStore('mindsEye', () => {
  /** Every tool call seen, newest first. */
  const timeline = shallowRef<TimelineEntry[]>([]);
  /** Each session seen: who asked, when its last trace arrived, what it looks at. */
  const looks = shallowRef<ReadonlyMap<string, SessionLook>>(new Map());
  /** Why the feed is not arriving, when the graph refused it. */
  const problem = shallowRef<string>();

  /** Takes one trace in, received at `now` (this page's clock, ms). */
  function applyTrace(trace: AssistantTrace, now = Date.now()): void {
    timeline.value = addTrace(timeline.value, trace);
    looks.value = addLook(looks.value, trace, now);
  }

  /** Reads the last stored tool calls into the timeline, below those seen live (not onto the map: they are done). */
  async function loadHistory(): Promise<void> {
    try {
      const { mindsEyeHistory } = await request(MindsEyeHistoryDocument, { last: HISTORY_SIZE });
      timeline.value = addHistory(timeline.value, mindsEyeHistory);
    } catch (caught) {
      problem.value = caught instanceof GraphError ? caught.message : String(caught);
    }
  }

  /** Keeps the feed live until the returned function is called; callers share one subscription. */
  const { start } = sharedFeed(() => {
    const { error } = useSubscription(MindsEyeDocument, {}, (data) => applyTrace(data.mindsEye));
    watch(error, (refused) => (problem.value = refused?.message), { immediate: true });
  });

  return { timeline, looks, problem, applyTrace, loadHistory, start };
});
