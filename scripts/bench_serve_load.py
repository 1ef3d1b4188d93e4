#!/usr/bin/env python3
"""Load generator for scripts/bench-serve.sh: standard library only, loopback only.

Sends BATCHES batches of SIZE unique track messages to `POST /v1/batch` over CONNECTIONS keep-alive
connections (one thread each), stopping early after MAX_SECONDS. Bodies are built before the clock
starts. Prints one JSON object: requests, how many were answered 200, the messageIds acknowledged
(count), the elapsed wall time, sustained messages per second, and latency percentiles.

    python3 scripts/bench_serve_load.py --port 8080 --key KEY --batches 2000 --size 100 --connections 8
"""

import argparse
import base64
import http.client
import json
import threading
import time


def body(worker, batch, size):
    messages = []
    for index in range(size):
        messages.append({
            "type": "track", "event": "Product Viewed" if index % 3 else "Add to Cart",
            "userId": f"bench-u{(worker * 7919 + batch * 31 + index) % 20000}",
            "messageId": f"bench-{worker}-{batch}-{index}",
            "timestamp": "2026-11-29T12:00:00.000+00:00",
            "properties": {"product_id": f"sku-{index % 500}", "price": 24.0, "currency": "USD"},
            "context": {"library": {"name": "analytics-python", "version": "1.1.0"}},
            "integrations": {},
        })
    return json.dumps({"batch": messages, "sentAt": "2026-11-29T12:00:00.100+00:00"}).encode()


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--batches", type=int, default=2000)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=120)
    args = parser.parse_args()
    if not args.host.startswith("127.") and args.host not in ("localhost", "::1"):
        raise SystemExit("the benchmark only targets loopback addresses")

    per_worker = [list(range(w, args.batches, args.connections)) for w in range(args.connections)]
    bodies = [[(b, body(w, b, args.size)) for b in batches] for w, batches in enumerate(per_worker)]
    headers = {
        "Authorization": "Basic " + base64.b64encode(f"{args.key}:".encode()).decode(),
        "Content-Type": "application/json", "User-Agent": "segsync-bench/1",
    }
    latencies, statuses, acknowledged, lock = [], {}, [0], threading.Lock()
    deadline = [0.0]

    def worker(index):
        connection = http.client.HTTPConnection(args.host, args.port, timeout=60)
        mine, codes, acked = [], {}, 0
        for _, payload in bodies[index]:
            if time.monotonic() > deadline[0]:
                break
            started = time.monotonic()
            try:
                connection.request("POST", "/v1/batch", payload, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = "connection error"
                connection.close()
                connection = http.client.HTTPConnection(args.host, args.port, timeout=60)
            mine.append(time.monotonic() - started)
            codes[status] = codes.get(status, 0) + 1
            if status == 200:
                acked += args.size
        connection.close()
        with lock:
            latencies.extend(mine)
            for status, count in codes.items():
                statuses[str(status)] = statuses.get(str(status), 0) + count
            acknowledged[0] += acked

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
    start = time.monotonic()
    deadline[0] = start + args.max_seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    print(json.dumps({
        "requests": len(latencies), "statuses": statuses, "batch_size": args.size,
        "connections": args.connections, "acknowledged_messages": acknowledged[0],
        "elapsed_seconds": round(elapsed, 3), "messages_per_second": round(acknowledged[0] / elapsed),
        "latency_ms": {name: round(percentile(latencies, q) * 1000, 2)
                       for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99), ("max", 1.0))},
    }))


if __name__ == "__main__":
    main()
