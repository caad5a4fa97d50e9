import { Agent, request } from 'node:http';

/**
 * A small keep-alive HTTP client for the benchmark (autocannon is not a dependency): sequential
 * requests for latency, and a fixed number of concurrent loops for throughput. 127.0.0.1 only.
 */
export type Response = { status: number; body: string };

export function createClient(port: number, connections: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Response> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const outgoing = request(
        { host: '127.0.0.1', port, method, path: encodeURI(path), agent, headers: payload ? { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : headers, timeout: 10_000 },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          incoming.on('error', reject);
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out`)));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  const get = (path: string, headers: Record<string, string> = {}) => send('GET', path, headers);
  return { get, send, close: () => agent.destroy() };
}

export type Client = ReturnType<typeof createClient>;

export type LatencySummary = { requests: number; p50Ms: number; p99Ms: number; meanMs: number; maxMs: number };

/** `warmUp` unmeasured requests, then `count` sequential ones; every answer must be 200. */
export async function measureLatency(client: Client, path: string, headers: Record<string, string>, count: number, warmUp: number): Promise<LatencySummary> {
  for (let index = 0; index < warmUp; index += 1) expectOk(await client.get(path, headers), path);
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const response = await client.get(path, headers);
    samples.push(performance.now() - started);
    expectOk(response, path);
  }
  return summarize(samples);
}

/** `connections` loops issuing requests back to back for `seconds`; the answer is requests per second. */
export async function measureThroughput(client: Client, path: string, connections: number, seconds: number): Promise<{ requestsPerSecond: number; requests: number; errors: number; seconds: number }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const loop = async () => {
    while (performance.now() < deadline) {
      try {
        const response = await client.get(path);
        if (response.status === 200) requests += 1;
        else errors += 1;
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  return { requestsPerSecond: round(requests / elapsed), requests, errors, seconds: round(elapsed) };
}

function expectOk(response: Response, path: string): void {
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.body.slice(0, 300)}`);
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return { requests: samples.length, p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), meanMs: round(samples.reduce((sum, value) => sum + value, 0) / samples.length), maxMs: round(sorted.at(-1)!) };
}

export const round = (value: number) => Math.round(value * 100) / 100;
