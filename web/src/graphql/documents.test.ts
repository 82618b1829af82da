import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allDocuments } from './allDocuments';
import * as documents from './documents';

describe('GraphQL documents', () => {
  it.each(allDocuments())('%s parses and names its operation', (_, text) => {
    const document = parse(text);
    const operation = document.definitions[0];
    expect(operation?.kind).toBe('OperationDefinition');
    expect(operation && 'name' in operation && operation.name?.value).toBeTruthy();
  });

  it('only lets months in as literals', () => {
    expect(documents.monthLiteral('2022-06')).toBe('"2022-06"');
    expect(() => documents.monthLiteral('2022-06") { x }')).toThrow();
    expect(() => documents.monthLiteral('2022-13')).toThrow();
  });
});
