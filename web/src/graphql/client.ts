/** A minimal GraphQL-over-HTTP client: POST JSON, surface GraphQL errors as exceptions with their messages. */
export class GraphQLRequestError extends Error {
  constructor(message: string, readonly status: number, readonly errors: readonly { message: string }[] = []) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface GraphQLClient {
  request<T>(document: string, variables?: Record<string, unknown>): Promise<T>;
}

export function createClient(endpoint: string, fetchImpl: typeof fetch = fetch.bind(globalThis)): GraphQLClient {
  return {
    async request<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
      const response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query: document, variables }),
      });
      const text = await response.text();
      let body: { data?: T; errors?: { message: string }[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new GraphQLRequestError(`${endpoint} answered ${response.status} without JSON`, response.status);
      }
      if (body.errors?.length) {
        throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '), response.status, body.errors);
      }
      if (!response.ok || body.data == null) {
        throw new GraphQLRequestError(`${endpoint} answered ${response.status}`, response.status);
      }
      return body.data;
    },
  };
}
