import './workers.js';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

// The page is served by the API itself, so the endpoint is /graphql on the same origin.
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.origin).toString() });

const defaultQuery = `# DtHub GraphQL API: press the run button (or Ctrl+Enter).
# The schema is also published as SDL at /graphql/schema.graphql; docs/API.md has examples.
{
  wards(first: 5, order: [{ name: ASC }]) {
    totalCount
    nodes { code name kind }
  }
}
`;

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }),
);
