import { shallowRef } from 'vue';
import { GraphError } from '../graph/client';

/**
 * One admin action at a time, as the Accounts window and its Plugin keys
 * section run them: `act` runs a mutation, then `refresh`es the list, so
 * that the message and the list agree; `done` is what the action says it
 * did, `problem` its refusal with the code, and `busy` holds the buttons.
 */
export function useAdminAction(refresh: () => Promise<unknown>) {
  const problem = shallowRef<GraphError>();
  const done = shallowRef<string>();
  const busy = shallowRef(false);

  async function act(action: () => Promise<string | undefined>): Promise<void> {
    busy.value = true;
    problem.value = undefined;
    done.value = undefined;
    let outcome: string | undefined;
    try {
      outcome = await action();
    } catch (caught) {
      problem.value = caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR');
    }
    await refresh();
    done.value = outcome;
    busy.value = false;
  }

  return { problem, done, busy, act };
}
