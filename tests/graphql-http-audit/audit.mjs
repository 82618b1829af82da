// Runs graphql-http's GraphQL-over-HTTP audit suite against a running server and prints the results as JSON:
//   node audit.mjs http://127.0.0.1:5000/graphql
// Exit code 0 when no audit reports "error" (warnings are allowed), 1 otherwise.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}

const count = (status) => results.filter((r) => r.status === status).length;
console.log(JSON.stringify({ ok: count('ok'), warn: count('warn'), error: count('error'), results }, null, 2));
process.exit(count('error') === 0 ? 0 : 1);
