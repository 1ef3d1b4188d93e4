#!/usr/bin/env python3
"""Validate logged Pinterest API requests against Pinterest's official OpenAPI description.

The Pinterest stand-in (Sources/PinterestStandIn) appends every request it receives to the file named by
SEGSYNC_PINTEREST_REQUEST_LOG, one JSON object a line:

    {"method": "PATCH", "path": "/v5/ad_accounts/1/customer_lists/2", "template": "...",
     "operation_id": "customer_lists/update", "query": {...}, "body": {...}}

For every line this script finds the operation in the spec by method and concrete path (the server's path prefix,
"/v5", is taken off first), checks that the logged template agrees, validates the path and query parameters
against their schemas, and validates the body against the operation's requestBody schema with a real JSON-Schema
validator (openapi-schema-validator's OAS 3.0 validator on top of jsonschema, with $refs resolved by a
referencing.Registry over the whole document; OpenAPI's nullable, readOnly/writeOnly and formats included).

On top of the schema, --no-undocumented-keys (the default) fails any object key that the schema does not name,
even where the spec leaves additionalProperties open: segsync promises to send no key the spec does not allow.

It prints per-operation counts and each failure with its reason, and exits 1 on any invalid request, on an
unknown path, on an unreadable line, or when the log holds no request at all (it never passes vacuously).

Usage:
    scripts/validate_pinterest_requests.py LOGFILE [--spec PATH] [--allow-undocumented-keys]
    scripts/validate_pinterest_requests.py --self-test [--spec PATH]
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import urllib.parse
from pathlib import Path
from typing import Any, Iterator

from jsonschema.exceptions import best_match
from openapi_schema_validator import OAS30WriteValidator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:pinterest:openapi"
METHODS = ("get", "put", "post", "patch", "delete")
DEFAULT_SPEC = Path(__file__).resolve().parent.parent.parent / "shared" / "specs" / "pinterest" / "openapi.json"


class Operation:
    """One operation of the spec: method, template, a regex for concrete paths, and its schemas."""

    def __init__(self, method: str, template: str, path_item: dict, operation: dict, spec: dict):
        self.method = method.upper()
        self.template = template
        self.operation_id = operation.get("operationId", f"{self.method} {template}")
        self.pointer = "/paths/" + escape_pointer(template) + "/" + method
        pattern = re.sub(r"\\\{([^}/]+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
        self.regex = re.compile("^" + pattern + "$")
        self.parameters: dict[tuple[str, str], dict] = {}
        for parameter in path_item.get("parameters", []) + operation.get("parameters", []):
            resolved = resolve(spec, parameter)
            self.parameters[(resolved["in"], resolved["name"])] = resolved
        body = resolve(spec, operation["requestBody"]) if "requestBody" in operation else None
        self.body_required = bool(body and body.get("required"))
        self.body_schema_pointer = None
        if body:
            media = body.get("content", {}).get("application/json")
            if media is not None and "schema" in media:
                self.body_schema_pointer = (
                    self.pointer + "/requestBody/content/application~1json/schema"
                    if "$ref" not in operation["requestBody"]
                    else operation["requestBody"]["$ref"][1:] + "/content/application~1json/schema"
                )


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def resolve(spec: dict, node: Any) -> Any:
    """Follows local $refs (for parameters and request bodies, which are not schemas)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node:
        seen += 1
        if seen > 32:
            raise ValueError(f"$ref loop at {node['$ref']}")
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


class Validator:
    def __init__(self, spec_path: Path, forbid_undocumented_keys: bool = True):
        self.spec = json.loads(spec_path.read_text())
        self.forbid_undocumented_keys = forbid_undocumented_keys
        resource = Resource.from_contents(self.spec, default_specification=DRAFT4)
        self.registry = Registry().with_resource(SPEC_URI, resource)
        servers = self.spec.get("servers") or [{"url": ""}]
        paths = {urllib.parse.urlparse(server["url"]).path.rstrip("/") for server in servers}
        self.prefixes = sorted(paths, key=len, reverse=True)
        self.operations: list[Operation] = []
        for template, item in self.spec["paths"].items():
            for method in METHODS:
                if method in item:
                    self.operations.append(Operation(method, template, item, item[method], self.spec))
        self._validators: dict[str, Any] = {}

    def schema_validator(self, pointer: str) -> Any:
        if pointer not in self._validators:
            schema = {"$ref": f"{SPEC_URI}#{pointer}"}
            self._validators[pointer] = OAS30WriteValidator(schema, registry=self.registry)
        return self._validators[pointer]

    def find(self, method: str, path: str) -> tuple[Operation | None, dict[str, str]]:
        candidates = [path] + [path[len(p):] for p in self.prefixes if p and path.startswith(p + "/")]
        for candidate in candidates:
            for operation in self.operations:
                if operation.method != method.upper():
                    continue
                match = operation.regex.match(candidate)
                if match:
                    return operation, {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
        return None, {}

    def check(self, entry: dict) -> tuple[Operation | None, list[str]]:
        """Returns the operation (if found) and the reasons the request is invalid (empty when valid)."""
        method, path = entry.get("method"), entry.get("path")
        if not isinstance(method, str) or not isinstance(path, str):
            return None, ["the log line has no method or path"]
        parsed = urllib.parse.urlsplit(path)
        operation, path_parameters = self.find(method, parsed.path)
        if operation is None:
            return None, [f"unknown operation: {method} {parsed.path} is not in the spec"]
        problems: list[str] = []
        template = entry.get("template")
        if template is not None and template != operation.template:
            problems.append(f"template {template!r} does not match the spec's {operation.template!r}")

        query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
        query.update({str(k): str(v) for k, v in (entry.get("query") or {}).items()})
        problems += self.check_parameters(operation, "path", path_parameters)
        problems += self.check_parameters(operation, "query", query)

        has_body = "body" in entry and entry["body"] is not None
        if "body_text" in entry:
            problems.append("body is not JSON")
        elif operation.body_schema_pointer is None:
            if has_body:
                problems.append("the operation takes no request body, but one was sent")
        elif not has_body:
            if operation.body_required:
                problems.append("the request body is required, but none was sent")
        else:
            validator = self.schema_validator(operation.body_schema_pointer)
            for error in sorted(validator.iter_errors(entry["body"]), key=lambda e: list(e.absolute_path)):
                reason = best_match([error]) if error.context else error
                problems.append(f"body{format_path(error.absolute_path)}: {reason.message}")
            if self.forbid_undocumented_keys:
                schema = {"$ref": f"#{operation.body_schema_pointer}"}
                for where, key in self.undocumented_keys(entry["body"], schema, "body"):
                    problems.append(f"{where}: key {key!r} is not documented by the spec")
        return operation, problems

    def check_parameters(self, operation: Operation, location: str, values: dict[str, str]) -> list[str]:
        problems = []
        declared = {name: p for (where, name), p in operation.parameters.items() if where == location}
        for name, parameter in declared.items():
            if parameter.get("required") and name not in values:
                problems.append(f"{location} parameter {name!r} is required")
        for name, raw in values.items():
            if name not in declared:
                problems.append(f"{location} parameter {name!r} is not declared by the operation")
                continue
            schema = declared[name].get("schema", {})
            value: Any = coerce(raw, resolve(self.spec, schema))
            validator = OAS30WriteValidator(schema, registry=self.registry)
            for error in validator.iter_errors(value):
                problems.append(f"{location} parameter {name!r}: {error.message}")
        return problems

    def undocumented_keys(self, value: Any, schema: Any, where: str) -> Iterator[tuple[str, str]]:
        """Keys of `value` that no `properties` of `schema` (across allOf/anyOf/oneOf, refs resolved) name."""
        schemas = list(self.flatten(schema))
        if isinstance(value, dict):
            named: dict[str, list[Any]] = collections.defaultdict(list)
            open_ended = False
            for part in schemas:
                for key, sub in (part.get("properties") or {}).items():
                    named[key].append(sub)
                extra = part.get("additionalProperties")
                if isinstance(extra, dict) or (extra is True and "properties" not in part):
                    open_ended = True
            if not named and not open_ended:
                open_ended = not any(p.get("additionalProperties") is False for p in schemas)
            for key, item in value.items():
                if key in named:
                    for sub in named[key]:
                        yield from self.undocumented_keys(item, sub, f"{where}.{key}")
                elif not open_ended:
                    yield where, key
        elif isinstance(value, list):
            for part in schemas:
                if isinstance(part.get("items"), dict):
                    for index, item in enumerate(value):
                        yield from self.undocumented_keys(item, part["items"], f"{where}[{index}]")

    def flatten(self, schema: Any, depth: int = 0) -> Iterator[dict]:
        if not isinstance(schema, dict) or depth > 32:
            return
        if "$ref" in schema:
            yield from self.flatten(resolve(self.spec, {"$ref": schema["$ref"]}), depth + 1)
            schema = {k: v for k, v in schema.items() if k != "$ref"}
        yield schema
        for keyword in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(keyword, []):
                yield from self.flatten(part, depth + 1)


def coerce(raw: str, schema: dict) -> Any:
    """Query and path values arrive as text; read them as the schema's type so that it can judge them."""
    kind = schema.get("type")
    try:
        if kind == "integer" and re.fullmatch(r"-?\d+", raw):
            return int(raw)
        if kind == "number":
            return float(raw)
        if kind == "boolean" and raw in ("true", "false"):
            return raw == "true"
    except ValueError:
        pass
    return raw


def format_path(path: Any) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def validate_log(validator: Validator, lines: list[str], out: Any = sys.stdout) -> int:
    counts: dict[str, list[int]] = collections.OrderedDict()
    failures: list[str] = []
    requests = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        requests += 1
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            failures.append(f"line {number}: not JSON ({error})")
            continue
        if not isinstance(entry, dict):
            failures.append(f"line {number}: not a JSON object")
            continue
        operation, problems = validator.check(entry)
        name = f"{operation.operation_id} ({operation.method} {operation.template})" if operation else "unknown"
        tally = counts.setdefault(name, [0, 0])
        tally[0] += 1
        if problems:
            tally[1] += 1
            where = f"line {number}: {entry.get('method')} {entry.get('path')}"
            failures.extend(f"{where}: {problem}" for problem in problems)
    print(f"{requests} logged requests", file=out)
    for name, (total, bad) in counts.items():
        print(f"  {name}: {total} requests, {total - bad} valid, {bad} invalid", file=out)
    for failure in failures:
        print(f"FAIL {failure}", file=out)
    if requests == 0:
        print("FAIL the log holds no request: nothing was validated", file=out)
        return 1
    if failures:
        print(f"{len(failures)} problems", file=out)
        return 1
    print("all request bodies are valid against the spec", file=out)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("logfile", nargs="?", help="the JSON-lines request log written by the stand-in")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help=f"the OpenAPI file (default {DEFAULT_SPEC})")
    parser.add_argument(
        "--allow-undocumented-keys", action="store_true",
        help="accept object keys the spec does not name where it leaves additionalProperties open",
    )
    parser.add_argument("--self-test", action="store_true", help="prove the validator catches known-bad bodies")
    args = parser.parse_args(argv)
    if not args.spec.is_file():
        print(f"FAIL no spec at {args.spec}", file=sys.stderr)
        return 2
    validator = Validator(args.spec, forbid_undocumented_keys=not args.allow_undocumented_keys)
    if args.self_test:
        return run_self_test(validator)
    if not args.logfile:
        parser.error("LOGFILE is required (or --self-test)")
    path = Path(args.logfile)
    if not path.is_file():
        print(f"FAIL no log at {path}: nothing was validated", file=sys.stderr)
        return 1
    return validate_log(validator, path.read_text().splitlines())


# --- self-test: the validator must catch what it is for -------------------------------------------------------

ACCOUNT = "/v5/ad_accounts/549755885175"
HASH = "87924606b4131a8aceeeae8868531fbb9712aaa07a5d3a756b26ce0f5d6ca674"


def event(**changes: Any) -> dict:
    base = {
        "event_name": "checkout", "action_source": "web", "event_time": 1764417600, "event_id": "order-1",
        "user_data": {"em": [HASH]}, "custom_data": {"currency": "USD", "value": "72.39", "order_id": "1"},
    }
    base.update(changes)
    return {key: value for key, value in base.items() if value is not None}


# (description, method, path, body, expected to be valid, text a failure must contain)
SELF_TEST_CASES: list[tuple[str, str, str, Any, bool, str]] = [
    ("valid list creation", "POST", ACCOUNT + "/customer_lists",
     {"name": "x", "records": f"{HASH},{HASH}", "list_type": "EMAIL"}, True, ""),
    ("records missing", "POST", ACCOUNT + "/customer_lists", {"name": "x"}, False, "'records' is a required"),
    ("records as an array, not one string", "POST", ACCOUNT + "/customer_lists",
     {"name": "x", "records": [HASH]}, False, "is not of type 'string'"),
    ("a name that is a number", "POST", ACCOUNT + "/customer_lists", {"name": 7, "records": "a"}, False,
     "is not of type 'string'"),
    ("an undocumented key on an open schema", "POST", ACCOUNT + "/customer_lists",
     {"name": "x", "records": "a", "description": "y"}, False, "'description' is not documented"),
    ("unknown list_type", "POST", ACCOUNT + "/customer_lists", {"name": "x", "records": "a", "list_type": "FAX"},
     False, "is not one of"),
    ("valid update", "PATCH", ACCOUNT + "/customer_lists/643", {"operation_type": "REMOVE", "records": "a"}, True, ""),
    ("unknown operation_type", "PATCH", ACCOUNT + "/customer_lists/643", {"operation_type": "MERGE", "records": "a"},
     False, "is not one of"),
    ("valid audience", "POST", ACCOUNT + "/audiences",
     {"name": "x", "audience_type": "CUSTOMER_LIST", "rule": {"customer_list_id": "643"}}, True, ""),
    ("audience without rule", "POST", ACCOUNT + "/audiences", {"name": "x", "audience_type": "CUSTOMER_LIST"},
     False, "'rule' is a required"),
    ("customer_list_id as a number", "POST", ACCOUNT + "/audiences",
     {"name": "x", "audience_type": "CUSTOMER_LIST", "rule": {"customer_list_id": 643}}, False,
     "is not of type 'string'"),
    ("valid events", "POST", ACCOUNT + "/events", {"data": [event()]}, True, ""),
    ("an unknown key where additionalProperties is false", "POST", ACCOUNT + "/events",
     {"data": [event(colour="red")]}, False, "Additional properties are not allowed"),
    ("custom_data.value as a number", "POST", ACCOUNT + "/events",
     {"data": [event(custom_data={"value": 72.39})]}, False, "is not of type 'string'"),
    ("event_time as a string", "POST", ACCOUNT + "/events", {"data": [event(event_time="1764417600")]}, False,
     "is not of type 'integer'"),
    ("event_id missing", "POST", ACCOUNT + "/events", {"data": [event(event_id=None)]}, False,
     "'event_id' is a required"),
    ("user_data with none of em, hashed_maids, IP + user agent", "POST", ACCOUNT + "/events",
     {"data": [event(user_data={"ph": [HASH]})]}, False, "user_data"),
    ("no events", "POST", ACCOUNT + "/events", {"data": []}, False, "should be non-empty"),
    ("an unknown top-level key", "POST", ACCOUNT + "/events", {"data": [event()], "extra": 1}, False,
     "Additional properties are not allowed"),
    ("unknown path", "POST", ACCOUNT + "/customer_list", {"name": "x", "records": "a"}, False, "unknown operation"),
    ("a body on a GET", "GET", ACCOUNT + "/customer_lists", {"x": 1}, False, "takes no request body"),
    ("page_size above 250", "GET", ACCOUNT + "/customer_lists?page_size=500", None, False, "page_size"),
    ("an undeclared query parameter", "GET", ACCOUNT + "/customer_lists?colour=red", None, False, "not declared"),
    ("test flag that is not a boolean", "POST", ACCOUNT + "/events?test=maybe", {"data": [event()]}, False, "test"),
    ("a valid listing with a bookmark", "GET", ACCOUNT + "/audiences?page_size=25&bookmark=YWZ0ZXI6MQ%3D%3D", None,
     True, ""),
    ("valid test events matched by IP and user agent", "POST", ACCOUNT + "/events?test=true",
     {"data": [event(user_data={"client_ip_address": "203.0.113.9", "client_user_agent": "UA"})]}, True, ""),
    ("an ad account id that is not digits", "GET", "/v5/ad_accounts/act_1/customer_lists", None, False,
     "ad_account_id"),
    ("a body that is not JSON", "POST", ACCOUNT + "/customer_lists", None, False, "not JSON"),
]


def run_self_test(validator: Validator) -> int:
    """Runs the known-good and known-bad cases, and the empty log; 0 only if every verdict is right."""
    wrong = 0
    for description, method, path, body, valid, needle in SELF_TEST_CASES:
        entry: dict[str, Any] = {"method": method, "path": path, "body": body}
        if description == "a body that is not JSON":
            entry["body_text"] = "name=x"
        _, problems = validator.check(entry)
        text = "; ".join(problems)
        ok = (not problems) if valid else (bool(problems) and needle in text)
        wrong += 0 if ok else 1
        verdict = "valid" if not problems else f"invalid: {text}"
        print(f"{'ok  ' if ok else 'FAIL'} {description}: {verdict}")
    import io

    empty = validate_log(validator, [], out=io.StringIO())
    print(f"{'ok  ' if empty == 1 else 'FAIL'} an empty log fails: exit {empty}")
    wrong += 0 if empty == 1 else 1
    print(f"self-test: {len(SELF_TEST_CASES) + 1 - wrong} passed, {wrong} failed")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
