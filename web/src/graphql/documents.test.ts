import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from './documents';

describe('GraphQL documents', () => {
  it.each(Object.entries(documents))('%s parses and names its operation', (_, text) => {
    const document = parse(text);
    const operation = document.definitions[0];
    expect(operation?.kind).toBe('OperationDefinition');
    expect(operation && 'name' in operation && operation.name?.value).toBeTruthy();
  });
});
