import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

// The accounts subgraph's fields (me, apiTokens, signIn, ...) live beside the others' in one composed graph.
let stack: TestStack;
let token: string;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()] });
  ({ token } = await stack.createToken('operator', 'own-fields'));
});
afterAll(() => stack?.close());

describe("the accounts subgraph's fields beside the others'", () => {
  it('answers a query asking for both, in the order asked, aliases and fragments inside fields kept', async () => {
    const response = await stack.graphql(
      'query Both($name: String!) { who: whoami me { ...Caller } character(name: $name) { name } __typename } fragment Caller on User { name role }',
      { name: 'Tau' },
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    expect(JSON.stringify(response.body.data)).toBe(
      JSON.stringify({ who: 'own-fields:operator', me: { name: 'own-fields', role: 'OPERATOR' }, character: { name: 'Tau' }, __typename: 'Query' }),
    );
  });

  it("answers the accounts fields alone, and `{ __typename }`", async () => {
    expect((await stack.graphql('{ me { name apiToken } }', undefined, { token })).body).toEqual({ data: { me: { name: 'own-fields', apiToken: true } } });
    expect((await stack.graphql('{ __typename }', undefined, { token })).body).toEqual({ data: { __typename: 'Query' } });
  });

  it("keeps one subgraph's error: a non-null root field that failed makes `data` null, as the spec has it", async () => {
    const response = await stack.graphql('{ apiTokens { id } whoami }', undefined, { token });
    expect(response.body).toEqual({
      data: null,
      errors: [expect.objectContaining({ message: 'apiTokens needs the admin role; you are an operator.', extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })],
    });
  });

  it('introspection shows the whole graph', async () => {
    const response = await stack.graphql<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
      undefined,
      { token },
    );
    const names = (fields: { name: string }[] | undefined) => (fields ?? []).map((field) => field.name).sort();
    expect(names(response.body.data?.__schema.queryType.fields)).toEqual(['accounts', 'apiTokens', 'character', 'mapImage', 'me', 'pluginKeys', 'whoami']);
    expect(names(response.body.data?.__schema.mutationType.fields)).toEqual(['changePassword', 'createAccount', 'createApiToken', 'createPluginKey', 'deleteAccount', 'resetPassword', 'revokeApiToken', 'revokePluginKey', 'setAccountRole', 'setPluginKeyCharacters', 'shout', 'signIn', 'signOut']);
  });

  it('runs a mutation asking for fields of two subgraphs, in the order asked', async () => {
    const admin = await stack.createToken('admin', 'own-fields-admin');
    const response = await stack.graphql('mutation { shout(text: "hi") revokeApiToken(id: "00000000-0000-0000-0000-000000000000") }', undefined, { token: admin.token });
    expect(JSON.stringify(response.body)).toBe(JSON.stringify({ data: { shout: true, revokeApiToken: false } }));
  });

  it('answers a query asking for fields of two subgraphs through a fragment at its root', async () => {
    const response = await stack.graphql('{ ...Root } fragment Root on Query { me { name } whoami }', undefined, { token });
    expect(response.body).toEqual({ data: { me: { name: 'own-fields' }, whoami: 'own-fields:operator' } });
    expect((await stack.graphql('{ ... on Query { whoami } }', undefined, { token })).body).toEqual({ data: { whoami: 'own-fields:operator' } });
  });
});
