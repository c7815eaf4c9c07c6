import { buildASTSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeDocuments, composeSupergraph, type SubgraphUrls } from '../src/compose.js';
import { SubgraphOwnership } from '../src/direct-subscriptions.js';
import { SUBGRAPH_NAMES } from '@lifestone/lib/graph';

/**
 * Which subscriptions the gateway hands whole to one subgraph, decided from
 * the supergraph's join directives: against Lifestone's own supergraph, and
 * against a small one with the directives it does not use yet.
 */

function ownershipOf(supergraph: string): SubgraphOwnership {
  return new SubgraphOwnership(supergraph, buildASTSchema(parse(supergraph), { assumeValidSDL: true }));
}

const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:9/${name}`])) as SubgraphUrls;
const lifestone = ownershipOf(await composeSupergraph(urls));

const direct = (ownership: SubgraphOwnership, query: string, operationName?: string) => ownership.direct(parse(query), operationName);

describe("Lifestone's supergraph", () => {
  it('hands the live feeds to the subgraph that publishes them, union members and named fragments included', () => {
    const query = /* GraphQL */ `
      subscription Feed($types: [EventType!], $characters: [String!]) {
        events(types: $types, characters: $characters) {
          type character time
          payload { __typename ...Chat ... on VitalsPayload { vitals { healthPct } } }
        }
      }
      fragment Chat on ChatPayload { channel text }
      fragment Unused on Character { name online }
      query Other { me { name } }`;
    const found = direct(lifestone, query, 'Feed');
    expect(found?.subgraph).toBe('telemetry');
    // Sent as the operation and the fragments it uses: the subgraph knows nothing of `me` or of the unused fragment.
    expect(found?.document.definitions.map((definition) => ('name' in definition ? definition.name?.value : undefined))).toEqual(['Feed', 'Chat']);
    expect(print(found?.document ?? parse('{a}'))).not.toContain('Unused');

    expect(direct(lifestone, 'subscription ($region: MapRegion) { positions(region: $region) { positions { character position { ew ns z } } } }')?.subgraph).toBe('telemetry');
    expect(direct(lifestone, 'subscription { itemChanges { action character { name } item { name } } }')?.subgraph).toBe('inventory');
    expect(direct(lifestone, 'subscription { mindsEye { __typename } }')?.subgraph).toBe('assistant');
  });

  it("plans a subscription that selects another subgraph's field, an entity's field the subgraph only references", () => {
    expect(direct(lifestone, 'subscription { itemChanges { action character { name online } } }')).toBeUndefined();
    expect(direct(lifestone, 'subscription { itemChanges { character { ...Seen } } } fragment Seen on Character { lastSeen }')).toBeUndefined();
  });

  it('plans what it cannot be sure of: an unknown directive, an unknown fragment, an operation it cannot pick', () => {
    expect(direct(lifestone, 'subscription { events { type @deprecated } }')).toBeUndefined();
    expect(direct(lifestone, 'subscription { events { ...Missing } }')).toBeUndefined();
    expect(direct(lifestone, 'subscription A { events { type } } subscription B { events { type } }')).toBeUndefined();
    expect(direct(lifestone, 'subscription A { events { type } } subscription B { events { type } }', 'B')?.subgraph).toBe('telemetry');
    expect(direct(lifestone, 'subscription { events { type @include(if: true) } }')?.subgraph).toBe('telemetry');
  });

  it('decides once per document and operation', () => {
    const document = parse('subscription { events { type } }');
    expect(lifestone.direct(document)).toBe(lifestone.direct(document));
  });
});

describe('a supergraph with @external, @requires, @override and interfaces', () => {
  const services = [
    {
      name: 'live',
      url: 'http://127.0.0.1:9/live',
      typeDefs: parse(/* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@external", "@requires", "@override", "@shareable"])
        interface Named { name: String! }
        type Character implements Named @key(fields: "name") {
          name: String!
          level: Int! @external
          title: String! @requires(fields: "level")
          guild: String! @override(from: "sheets")
          mood: String!
          nick: String! @shareable
        }
        type Monster implements Named { name: String! }
        type Query { live: [Named!]! }
        type Subscription { seen: Named! character: Character! }`),
    },
    {
      name: 'sheets',
      url: 'http://127.0.0.1:9/sheets',
      typeDefs: parse(/* GraphQL */ `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
        type Character @key(fields: "name") { name: String! level: Int! guild: String! nick: String @shareable }
        type Query { sheet(name: String!): Character }`),
    },
  ];
  const small = ownershipOf(composeDocuments(services));

  it("hands over the fields the subgraph resolves, an overridden one among them, and an interface's members it implements", () => {
    expect(direct(small, 'subscription { character { name mood guild } }')?.subgraph).toBe('live');
    expect(direct(small, 'subscription { seen { name ... on Monster { name } ... on Character { mood } } }')?.subgraph).toBe('live');
  });

  it('plans an @external field, a @requires field, a field of the other subgraph, and one of another type there than in the graph', () => {
    expect(direct(small, 'subscription { character { level } }')).toBeUndefined();
    expect(direct(small, 'subscription { character { title } }')).toBeUndefined();
    expect(direct(small, 'subscription { seen { ... on Character { level } } }')).toBeUndefined();
    // A fragment spread twice is checked at each place: inside a fragment on the object itself, then on the interface, whose member it must be in the subgraph too.
    expect(direct(small, 'subscription { seen { ... on Character { ...Mood } ...Mood } } fragment Mood on Character { mood }')?.subgraph).toBe('live');
    // `nick` is String! in the subgraph and String in the graph: a null would spread further than the graph says.
    expect(direct(small, 'subscription { character { nick } }')).toBeUndefined();
  });
});
