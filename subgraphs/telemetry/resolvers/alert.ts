import { loaderOf } from '@lifestone/lib/graph';
import type { AlertResolvers } from '../generated/resolvers.js';
import { lookalikes } from './loaders.js';

/** An alert's fields beyond its row: the look-alikes of its character's name. */
export const alertResolvers: AlertResolvers = {
  characterLookalikes: (alert, _args, context) => loaderOf(context, lookalikes).load(alert.character),
};
