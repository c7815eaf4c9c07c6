import { parse } from 'graphql';
import { graphError, GraphErrorCode, requireRole, subscribeTopics, type SubgraphContext, type SubgraphModule } from '@lifestone/lib/graph';
import { MAP_IMAGE_PATH, mapImageAvailable, serveMapImage } from '../../subgraphs/telemetry/map-image.js';

/** The pubsub topic the tiny subgraph's `chat` subscription reads. */
export const CHAT_TOPIC = 'test.chat';

/**
 * A subgraph of the real shape, small enough to read in one look: an entity,
 * a query that names the caller, the map image (telemetry's), an
 * operator-only mutation and three subscriptions. The gateway's own tests run against it, independent of the
 * real subgraphs' schemas.
 */
export function tinySubgraph(options: { mapImage?: string } = {}): SubgraphModule {
  return {
    name: 'telemetry',
    typeDefs: parse(/* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

      type Character @key(fields: "name") {
        name: String!
        level: Int!
        friend: Character
      }

      type Query {
        character(name: String!): Character
        whoami: String!
        mapImage: String
      }

      type Mutation {
        shout(text: String!): Boolean!
      }

      type Subscription {
        chat(character: String): String!
        whoami: String!
        countdown: Int!
      }
    `),
    routes: { [MAP_IMAGE_PATH]: (request, response) => serveMapImage(options.mapImage, request, response) },
    resolvers: {
      Character: {
        __resolveReference: (reference: { name: string }) => ({ name: reference.name }),
        level: (character: { name: string }) => character.name.length,
        friend: (character: { name: string }) => ({ name: `${character.name}'s friend` }),
      },
      Query: {
        character: (_root: unknown, args: { name: string }) => ({ name: args.name }),
        whoami: (_root: unknown, _args: unknown, context: SubgraphContext) => `${context.identity.name}:${context.identity.role}`,
        mapImage: async () => ((await mapImageAvailable(options.mapImage)) ? MAP_IMAGE_PATH : null),
      },
      Mutation: {
        shout: (_root: unknown, _args: unknown, context: SubgraphContext) => {
          requireRole(context, 'operator', 'shout');
          return true;
        },
      },
      Subscription: {
        chat: {
          subscribe: (_root: unknown, args: { character?: string }, context: SubgraphContext) =>
            subscribeTopics(context.pubsub, [CHAT_TOPIC], (message) =>
              args.character === undefined || message.key === args.character ? { chat: `${message.key}: ${message.payload}` } : undefined,
            ),
        },
        whoami: {
          subscribe: async function* (_root: unknown, _args: unknown, context: SubgraphContext) {
            yield { whoami: `${context.identity.name}:${context.identity.role}` };
          },
        },
        // Three events, the second failing: a failed event must not leak into the ones after it.
        countdown: {
          subscribe: async function* () {
            yield { countdown: 2 };
            yield { countdown: -1 };
            yield { countdown: 0 };
          },
          resolve: (event: { countdown: number }) => {
            if (event.countdown < 0) throw graphError(GraphErrorCode.BAD_REQUEST, 'A countdown never goes below zero.');
            return event.countdown;
          },
        },
      },
    },
  };
}
