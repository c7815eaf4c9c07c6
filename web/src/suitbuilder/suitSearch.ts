/**
 * One suit search at a time, for the calling component: `start` subscribes to
 * `suitSearch` with an input, `stop` (or leaving the component) unsubscribes,
 * which stops the search on the server. The events fold into the best list,
 * the progress and the outcome (see ranking.ts).
 */
import { computed, shallowRef, watch } from 'vue';
import type { GraphError } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import { SuitSearchDocument, type SuitSearchInput } from '../graph/generated/graphql';
import { useSubscription } from '../graph/use';
import { applySearchEvent, type SuitSearchState } from './ranking';

/** Suits listed when the input does not say (the graph's default). */
const DEFAULT_SUITS = 10;

/** The search's state, and `start`/`stop`. */
export function useSuitSearch() {
  const connection = useConnectionStore();
  /** The running search's input; undefined while none runs. */
  const running = shallowRef<SuitSearchInput>();
  const state = shallowRef<SuitSearchState>({ suits: [] });
  const problem = shallowRef<GraphError>();

  const live = useSubscription(
    SuitSearchDocument,
    () => ({ input: running.value ?? {} }),
    ({ suitSearch: event }) => {
      const input = running.value;
      if (!input) return;
      state.value = applySearchEvent(state.value, event, input.suits ?? DEFAULT_SUITS);
      if (event.kind === 'DONE') running.value = undefined;
    },
    { pause: () => !running.value },
  );

  watch(live.error, (error) => {
    if (!error || !running.value) return;
    problem.value = error;
    running.value = undefined;
  });

  // graphql-ws would subscribe again after a reconnect, starting the search over: end it instead.
  watch(
    () => connection.status,
    (status) => {
      if (running.value && (status === 'reconnecting' || status === 'closed')) {
        running.value = undefined;
        state.value = { ...state.value, outcome: { kind: 'interrupted', message: 'The connection was lost: the search ended with the suits found so far. Search again once it is back.' } };
      }
    },
  );

  /** Starts a search for `input`, replacing the one that runs and the results shown. */
  function start(input: SuitSearchInput): void {
    problem.value = undefined;
    state.value = { suits: [] };
    // A new object even for the same input: the subscription starts again.
    running.value = { ...input };
  }

  /** Stops the search, keeping the suits found so far. */
  function stop(): void {
    if (!running.value) return;
    running.value = undefined;
    const found = state.value.suits.length;
    const message = found ? `Stopped by you: ${found === 1 ? 'the suit' : `the ${found} suits`} found so far, not necessarily the best.` : 'Stopped by you before any suit was found.';
    state.value = { ...state.value, outcome: { kind: 'cancelled', message } };
  }

  return {
    /** Whether a search runs. */
    searching: computed(() => running.value !== undefined),
    suits: computed(() => state.value.suits),
    progress: computed(() => state.value.progress),
    outcome: computed(() => state.value.outcome),
    /** Why the last search was refused or failed (e.g. `BAD_USER_INPUT` for locked pieces that clash). */
    problem,
    start,
    stop,
  };
}
