import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_TABS, renderPlayground } from '../src/graphiql.js';

const publicSchema = buildSchema(readFileSync(new URL('../../web/schema.graphql', import.meta.url), 'utf8'));

describe('the playground', () => {
  it('opens on a query of the live fleet and a subscription to alerts, both valid against the public schema', () => {
    expect(PLAYGROUND_TABS.map(({ query }) => parse(query).definitions.map((definition) => (definition.kind === 'OperationDefinition' ? `${definition.operation} ${definition.name?.value}` : definition.kind)))).toEqual([
      ['query LiveFleet'],
      ['subscription FleetAlerts'],
    ]);
    for (const { query } of PLAYGROUND_TABS) expect(validate(publicSchema, parse(query)).map((error) => error.message)).toEqual([]);
  });

  it('is titled for Lifestone and set to the dark theme on a first visit only', () => {
    const page = renderPlayground({ endpoint: '/graphql' });
    expect(page).toContain('<title>Lifestone playground</title>');
    expect(page).toContain(`<head><script>try{if(!localStorage.getItem("graphiql:theme"))localStorage.setItem("graphiql:theme",'dark')}catch{}</script>`);
    expect(page).toContain('subscription FleetAlerts');
  });
});
