import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { integerSetting, setting } from '@lifestone/lib/config';
import { MAP_IMAGE_PATH, serveMapImage } from './map-image.js';
import type { SubgraphModule } from '@lifestone/lib/graph';
import { createResolvers } from './resolvers/index.js';
import { LiveFeeds } from './subscriptions.js';

export { MAP_IMAGE_PATH, mapImageAvailable, serveMapImage } from './map-image.js';

export interface TelemetrySubgraphOptions {
  /**
   * How often the `positions` subscription sends one batch of the positions that changed.
   * @default LIFESTONE_POSITIONS_TICK_MS, else 250
   */
  positionsTickMs?: number;
  /** The operator's map image, served at `/map/image` and named by `mapImage`. @default LIFESTONE_MAP_IMAGE, else none */
  mapImage?: string;
}

/** The SDL, read once: the source of truth of this subgraph (and of its generated resolver types). */
const typeDefs = parse(readFileSync(new URL('./telemetry.graphql', import.meta.url), 'utf8'));

/**
 * The telemetry subgraph: characters and their live state, history, the game
 * world they see, the event firehose and the positions feed, and commands to
 * plugins. Each call has its own live feeds (one pubsub handler per topic and
 * one positions ticker, shared by every subscriber of the module).
 */
export function telemetrySubgraph(options: TelemetrySubgraphOptions = {}): SubgraphModule {
  const positionsTickMs = options.positionsTickMs ?? integerSetting('LIFESTONE_POSITIONS_TICK_MS');
  if (!Number.isInteger(positionsTickMs) || positionsTickMs < 1) {
    throw new Error(`positionsTickMs must be a positive integer, got ${positionsTickMs}`);
  }
  const mapImage = options.mapImage ?? setting('LIFESTONE_MAP_IMAGE');
  return {
    name: 'telemetry',
    typeDefs,
    // The generated map is the checked one; Apollo's own type is looser, and differs on __resolveType's parameters.
    resolvers: createResolvers(new LiveFeeds(positionsTickMs), mapImage) as SubgraphModule['resolvers'],
    routes: { [MAP_IMAGE_PATH]: (request, response) => serveMapImage(mapImage, request, response) },
  };
}
