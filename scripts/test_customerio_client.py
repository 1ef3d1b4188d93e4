#!/usr/bin/env python3
"""The official Customer.io Python client against `segsync serve`.

Starts `segsync serve` on a free loopback port with a fresh store, drives the unmodified
`customerio-cdp-analytics` client at it (identify and track, gzip on and off, a plain write key sent
as HTTP Basic and a `pk_us_` key sent as Bearer, the client's synchronous mode and its batching
consumer thread, anonymous activity later identified and aliased, a message sent twice), stops the
server with SIGTERM, then reads the store through `segsync inspect --json` and checks that it holds
exactly what was sent, merged, once. Exits 1 on any mismatch.

    python scripts/test_customerio_client.py --segsync .build/debug/segsync
"""

import argparse
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from customerio.analytics import Client

BASIC_KEY = "WRITEKEY-client-test"
BEARER_KEY = "pk_us_clienttest"


class Checks:
    """Named checks; prints each failure and a closing 'N passed, N failed' line."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, name, actual, expected):
        if actual == expected:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}:\n  expected {expected!r}\n  actual   {actual!r}", file=sys.stderr)

    def ok(self, name, condition, detail=""):
        self.expect(name + (f" ({detail})" if detail else ""), bool(condition), True)


def start_server(segsync, database, log_path):
    """Starts `segsync serve --port 0`; returns the process and its base URL."""
    env = dict(os.environ, SEGSYNC_WRITE_KEYS=BEARER_KEY)
    log = open(log_path, "w")
    process = subprocess.Popen(
        [segsync, "serve", "--db", database, "--host", "127.0.0.1", "--port", "0", "--write-key", BASIC_KEY],
        stdout=subprocess.DEVNULL, stderr=log, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", open(log_path).read())
        if match:
            return process, match.group(1)
        time.sleep(0.05)
    process.kill()
    raise SystemExit("segsync serve did not start:\n" + open(log_path).read())


def inspect(segsync, database, user=None):
    command = [segsync, "inspect", "--db", database, "--json"] + (["--user", user] if user else [])
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return json.loads(result.stdout)


class Sent:
    """What the clients were asked to send: every message, by user it ends up with."""

    def __init__(self):
        self.messages = []  # (final user, message dict as the client built it)

    def add(self, user, result):
        success, message = result
        assert success, message
        self.messages.append((user, message))

    def ids(self, user=None, types=None):
        return sorted(m["messageId"] for u, m in self.messages
                      if (user is None or u == user) and (types is None or m["type"] in types))

    def events(self, user):
        return sorted((event_name(m), m["messageId"]) for u, m in self.messages
                      if u == user and m["type"] in ("track", "page", "screen"))


def event_name(message):
    return message["event"] if message["type"] == "track" else message["type"]


def at(minutes):
    """An event time: 2026-11-20T12:00Z plus `minutes`, as the client takes it (aware datetime)."""
    return datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.timezone.utc) + datetime.timedelta(minutes=minutes)


def drive(url, sent, errors):
    """Every call, through four clients: Basic/no gzip and Bearer/gzip in sync mode, and two
    batching clients (Basic/gzip, Bearer/no gzip) whose consumer thread posts many messages a request."""
    def on_error(error, batch):
        errors.append(f"{error} ({len(batch)} messages)")

    basic = Client(BASIC_KEY, host=url, sync_mode=True, gzip=False, max_retries=0)
    bearer = Client(BEARER_KEY, host=url, sync_mode=True, gzip=True, max_retries=0)
    basic_batches = Client(BASIC_KEY, host=url, gzip=True, on_error=on_error, upload_size=50, max_retries=0)
    bearer_batches = Client(BEARER_KEY, host=url, gzip=False, on_error=on_error, upload_size=40, max_retries=0)

    # An anonymous visitor browses (both key forms, gzip off and on), then signs up as u-100.
    sent.add("u-100", basic.track(anonymous_id="anon-a1", event="Product Viewed",
                                  properties={"product_id": "sku-1", "price": 24.0}, timestamp=at(0)))
    sent.add("u-100", bearer.page(anonymous_id="anon-a1", name="Pricing", timestamp=at(1)))
    sent.add("u-100", bearer.track(anonymous_id="anon-a1", event="Add to Cart",
                                   properties={"product_id": "sku-1", "quantity": 1}, timestamp=at(2)))
    sent.add("u-100", bearer.identify(user_id="u-100", anonymous_id="anon-a1", timestamp=at(3),
                                      traits={"email": "Ada.Lovelace@Example.com ", "plan": "pro", "ltv": 120.5}))
    sent.add("u-100", basic.track(user_id="u-100", event="Checkout Started",
                                  properties={"order_id": "o-1", "value": 48.0, "currency": "USD"}, timestamp=at(4)))
    sent.add("u-100", basic.track(user_id="u-100", event="Order Completed", message_id="order-o-1",
                                  properties={"order_id": "o-1", "value": 48.0, "currency": "USD"}, timestamp=at(5)))
    # The client resends a message (same messageId): stored once.
    basic.track(user_id="u-100", event="Order Completed", message_id="order-o-1",
                properties={"order_id": "o-1", "value": 48.0, "currency": "USD"}, timestamp=at(5))
    bearer.track(user_id="u-100", event="Order Completed", message_id="order-o-1",
                 properties={"order_id": "o-1", "value": 48.0, "currency": "USD"}, timestamp=at(5))
    sent.add("u-100", bearer.identify(user_id="u-100", timestamp=at(6), traits={"plan": "team"}))

    # Another visitor, joined to u-200 by an alias rather than an identify.
    sent.add("u-200", basic.track(anonymous_id="anon-b2", event="Product Viewed",
                                  properties={"product_id": "sku-2"}, timestamp=at(10)))
    sent.add("u-200", bearer.alias(previous_id="anon-b2", user_id="u-200", timestamp=at(11)))
    sent.add("u-200", basic.identify(user_id="u-200", timestamp=at(12), traits={"email": "grace@example.com"}))

    # Many messages through the batching consumers: gzip with Basic, plain with Bearer.
    for index in range(120):
        sent.add("u-300", basic_batches.track(user_id="u-300", event="Product Viewed",
                                              properties={"product_id": f"sku-{index}"}, timestamp=at(20 + index / 60)))
    for index in range(90):
        client = bearer_batches if index % 2 else basic_batches
        sent.add("u-400", client.track(anonymous_id="anon-d4", event="Product Viewed",
                                       properties={"n": index}, timestamp=at(30 + index / 60)))
    sent.add("u-400", bearer_batches.identify(user_id="u-400", anonymous_id="anon-d4", timestamp=at(40),
                                              traits={"email": "d4@example.com"}))
    for client in (basic_batches, bearer_batches):
        client.flush()
        client.join()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segsync", required=True, help="the segsync binary")
    args = parser.parse_args()
    segsync = os.path.abspath(args.segsync)
    checks = Checks()

    with tempfile.TemporaryDirectory(prefix="segsync-client-") as directory:
        database = os.path.join(directory, "client.sqlite")
        server, url = start_server(segsync, database, os.path.join(directory, "serve.log"))
        sent, errors = Sent(), []
        try:
            drive(url, sent, errors)
            # The store can be read while the server writes (WAL).
            live = inspect(segsync, database)
            checks.expect("messages visible while serving", live["messages"], len(sent.messages))
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                status = server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                status = "killed after 60 s"
        log = open(os.path.join(directory, "serve.log")).read()
        checks.expect("client errors", errors, [])
        checks.expect("segsync serve exit status after SIGTERM", status, 0)
        checks.ok("the server said it stopped", "segsync serve: stopped after" in log, log[-300:])

        counts = inspect(segsync, database)
        tracked = [m for _, m in sent.messages if m["type"] in ("track", "page", "screen")]
        names = {}
        for message in tracked:
            names[event_name(message)] = names.get(event_name(message), 0) + 1
        checks.expect("messages stored, each once", counts["messages"], len(sent.messages))
        checks.expect("events", counts["events"], len(tracked))
        checks.expect("events by name", counts["events_by_name"], names)
        checks.expect("people", counts["people"], 4)
        checks.expect("anonymous people left (every visitor was joined)", counts["anonymous"], 0)
        checks.expect("rejected", counts["rejected"], 0)

        ada = inspect(segsync, database, "u-100")["person"]
        checks.expect("u-100 anonymous ids", ada["anonymous_ids"], ["anon-a1"])
        checks.expect("u-100 emails (normalised)", ada["emails"], ["ada.lovelace@example.com"])
        checks.expect("u-100 current email (trimmed)", ada["email"], "Ada.Lovelace@Example.com")
        checks.expect("u-100 attributes", {k: ada["attributes"].get(k) for k in ("plan", "ltv", "email")},
                      {"plan": "team", "ltv": 120.5, "email": "Ada.Lovelace@Example.com "})
        checks.expect("u-100 events (anonymous ones merged in)",
                      sorted((e["name"], e["message_id"]) for e in ada["events"]), sent.events("u-100"))
        sent_times = {m["messageId"]: m["timestamp"] for _, m in sent.messages}
        for event in ada["events"]:
            stated = datetime.datetime.fromisoformat(sent_times[event["message_id"]])
            stored = datetime.datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00"))
            skew = abs((stored - stated).total_seconds())
            checks.ok(f"u-100 {event['name']} time kept (clock-skew correction only)", skew < 5, f"off by {skew} s")

        grace = inspect(segsync, database, "u-200")["person"]
        checks.expect("u-200 joined by alias", grace["anonymous_ids"], ["anon-b2"])
        checks.expect("u-200 events", sorted((e["name"], e["message_id"]) for e in grace["events"]),
                      sent.events("u-200"))
        checks.expect("u-200 emails", grace["emails"], ["grace@example.com"])

        batched = inspect(segsync, database, "u-300")["person"]
        checks.expect("u-300 events from the batching gzip client",
                      sorted(e["message_id"] for e in batched["events"]), sorted(i for _, i in sent.events("u-300")))
        d4 = inspect(segsync, database, "u-400")["person"]
        checks.expect("u-400 anonymous batches identified later",
                      sorted(e["message_id"] for e in d4["events"]), sorted(i for _, i in sent.events("u-400")))
        checks.expect("u-400 anonymous ids", d4["anonymous_ids"], ["anon-d4"])

    print(f"customerio client checks: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
