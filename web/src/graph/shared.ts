/**
 * A live feed several components keep running together: `setup` runs once,
 * in an effect scope of its own, when the first caller starts it, and the
 * scope (subscriptions, polls, timers) stops when the last caller releases it.
 */
import { effectScope, type EffectScope } from 'vue';

/** `start()` keeps the feed live until the function it returns is called (once; later calls do nothing). */
export function sharedFeed(setup: () => void): { start(): () => void } {
  let users = 0;
  let scope: EffectScope | undefined;
  return {
    start() {
      users += 1;
      if (!scope) {
        scope = effectScope(true);
        scope.run(setup);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        users -= 1;
        if (users === 0) {
          scope?.stop();
          scope = undefined;
        }
      };
    },
  };
}
