// Validates every document against the running hub's schema: `npm run check:graphql` (DTHUB_URL).
// Not part of `npm test`, because it needs a hub; run it when the schema changes.
import { buildSchema, parse, validate } from 'graphql';

declare const process: { env: Record<string, string | undefined> };
import { expect, it } from 'vitest';
import { allDocuments } from './allDocuments';

const base = (process.env.DTHUB_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');

it.each(allDocuments())('%s is valid against the hub schema', async (_, text) => {
  const sdl = await (await fetch(`${base}/graphql/schema.graphql`)).text();
  const errors = validate(buildSchema(sdl), parse(text)).map((e) => e.message);
  expect(errors).toEqual([]);
});
