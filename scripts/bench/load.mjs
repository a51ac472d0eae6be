// A small closed-loop HTTP load generator (autocannon is not among the installed dependencies): `connections`
// keep-alive connections each send the same POST, wait for the whole answer and send again, for `seconds`. Runs as
// its own process so it does not share the server's event loop. Prints one JSON line: requests, requests/s, exact
// latency percentiles (every latency is kept: at these rates a few hundred thousand numbers at most), non-2xx count.
import http from "node:http";

const [url, body, connectionsArg = "64", secondsArg = "10"] = process.argv.slice(2);
const connections = Number(connectionsArg);
const durationMs = Number(secondsArg) * 1000;
const target = new URL(url);
const payload = Buffer.from(body, "utf8");
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

function send() {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const request = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": payload.length } },
      (response) => {
        response.on("data", () => {});
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      },
    );
    request.on("error", () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    request.end(payload);
  });
}

const latencies = [];
const statuses = {};
const started = Date.now();
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (Date.now() - started < durationMs) {
      const { status, ms } = await send();
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }),
);
const elapsedSeconds = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0;
const failed = Object.entries(statuses).reduce((sum, [status, count]) => (status.startsWith("2") ? sum : sum + count), 0);
console.log(JSON.stringify({ requests: latencies.length, rps: latencies.length / elapsedSeconds, p50: percentile(50), p90: percentile(90), p99: percentile(99), max: percentile(100), failed, statuses }));
agent.destroy();
