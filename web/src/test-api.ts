/**
 * A stand-in for Tessera's API in component tests of whole pages: the portal's own client
 * (openapi-fetch) calls it through fetch, so what a page sends (path, query, body) is what a test
 * sees, and the answers are whatever the test gives. A call nobody answers fails the test loudly.
 * test-setup.ts installs it as fetch before the client is created.
 */
export type ApiCall = { method: string; path: string; query: URLSearchParams; body: unknown };
export type ApiAnswer = { status?: number; body?: unknown; headers?: Record<string, string> };
type Route = { method: string; path: string | RegExp; answer: (call: ApiCall) => ApiAnswer | Promise<ApiAnswer> };

let routes: Route[] = [];
export const apiCalls: ApiCall[] = [];

export const fakeApi = {
  /** Answers calls of this method whose path (without the query) equals or matches `path`; the latest given wins. */
  on(method: string, path: string | RegExp, answer: ApiAnswer | ((call: ApiCall) => ApiAnswer | Promise<ApiAnswer>)) {
    routes.unshift({ method, path, answer: typeof answer === 'function' ? answer : () => answer });
  },
  reset() {
    routes = [];
    apiCalls.length = 0;
  },
  /** The calls made with this method to this path (or paths matching it), in order. */
  calls(method: string, path: string | RegExp): ApiCall[] {
    return apiCalls.filter((call) => call.method === method && matches(path, call.path));
  },
};

/** A Graph error body, as the server sends one. */
export const graphError = (status: number, code: string, message: string, details: { target: string; message: string }[] = []): ApiAnswer => ({
  status,
  body: { error: { code, message, ...(details[0] ? { target: details[0].target, details } : {}) } },
});

const matches = (path: string | RegExp, actual: string) => (typeof path === 'string' ? path === actual : path.test(actual));

export async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input, init);
  const url = new URL(request.url, 'http://localhost');
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  const call: ApiCall = { method: request.method, path: decodeURIComponent(url.pathname), query: url.searchParams, body: text ? JSON.parse(text) : undefined };
  apiCalls.push(call);
  const route = routes.find((candidate) => candidate.method === call.method && matches(candidate.path, call.path));
  if (!route) throw new Error(`No fake answer for ${call.method} ${call.path}${url.search}`);
  const { status = 200, body, headers = {} } = await route.answer(call);
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } });
}
