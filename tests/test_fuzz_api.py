"""Fuzzing the HTTP API: every route of the app, with bodies and parameters drawn from our OpenAPI
spec (and junk), with and without a staff key; and chat turns that carry planted emails.

Invariants: no route answers 5xx or raises on any input; no planted email is at rest anywhere in
the data directory afterwards.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from wismo.channels.track_tokens import issue_link
from wismo.server import create_app

from .fuzzing import examples, json_value, text
from .graph_standin import make_rig
from .test_route_access import every_route

ADMIN = {"Authorization": "Bearer fuzz-admin"}
STATIC = {"/docs", "/redoc", "/docs/oauth2-redirect", "/openapi.json"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    saved = {k: os.environ.get(k) for k in ("WISMO_API_KEYS", "WISMO_DEMO_OPEN")}
    os.environ["WISMO_API_KEYS"] = "admin:fuzz-admin"
    os.environ.pop("WISMO_DEMO_OPEN", None)
    data_dir = tmp_path_factory.mktemp("fuzz-api")
    rig = make_rig(data_dir, orders=150)
    app = create_app(rig.agent.settings, rig.agent)
    app.state.channel_hub = rig.hub
    client = TestClient(app)
    row = rig.agent.store.list_orders(status="attempt_failed")[0]
    cid = client.post("/v1/conversations", json={}).json()["conversation_id"]
    client.post(f"/v1/conversations/{cid}/messages", json={"text": f"{row['order_number']} {row['email']}"})
    client.post(f"/v1/conversations/{cid}/messages", json={"text": "talk to a person"})
    token, _tid, _exp = issue_link(rig.engine, rig.agent.settings, row["order_number"], rig.agent.store.now())
    known = [cid, "1", "2", "weather", token, token[:-2] + "xx", "console.js"]
    try:
        yield {"client": client, "app": app, "spec": app.openapi(), "known": known, "data_dir": data_dir}
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ------------------------------------------------------------------------------ from the spec
def from_schema(schema: dict[str, Any], spec: dict[str, Any], depth: int = 0) -> st.SearchStrategy:
    """Values that fit `schema` (a JSON Schema of our OpenAPI spec), often; junk otherwise."""
    if depth > 4:
        return json_value
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return from_schema(spec["components"]["schemas"][name], spec, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return st.one_of([from_schema(s, spec, depth + 1) for s in schema[key]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = {k: from_schema(v, spec, depth + 1) for k, v in (schema.get("properties") or {}).items()}
        required = {k: v for k, v in props.items() if k in (schema.get("required") or [])}
        optional = {k: v for k, v in props.items() if k not in required}
        return st.fixed_dictionaries(required, optional=optional)
    if kind == "array":
        return st.lists(from_schema(schema.get("items") or {}, spec, depth + 1), max_size=3)
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date-time":
            return st.datetimes(timezones=st.just(UTC)).map(datetime.isoformat)
        if fmt == "date":
            return st.dates().map(lambda d: d.isoformat())
        if schema.get("pattern"):
            return st.one_of(st.from_regex(schema["pattern"], fullmatch=True), text)
        return text
    if kind == "integer":
        return st.integers(min_value=-(2**31), max_value=2**31)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return json_value


def request_for(world, method: str, path: str) -> st.SearchStrategy:
    spec = world["spec"]
    op = spec["paths"].get(path, {}).get(method.lower(), {})
    params = op.get("parameters") or []
    segment = st.one_of(st.sampled_from(world["known"]), st.text(max_size=24))
    path_values = st.fixed_dictionaries({p["name"]: segment for p in params if p["in"] == "path"})
    query = st.fixed_dictionaries(
        {},
        optional={p["name"]: from_schema(p.get("schema") or {}, spec).map(str) for p in params if p["in"] == "query"},
    )
    body_schema = (((op.get("requestBody") or {}).get("content") or {}).get("application/json") or {}).get("schema")
    body = st.one_of(from_schema(body_schema, spec), json_value) if body_schema else json_value
    raw = st.binary(max_size=120)
    return st.tuples(path_values, query, st.one_of(body.map(lambda b: ("json", b)), raw.map(lambda b: ("raw", b))))


def routes() -> list[tuple[str, str]]:
    """Every route of the app (built on a throwaway data dir: routes do not depend on settings)."""
    from .conftest import make_settings

    with tempfile.TemporaryDirectory() as scratch:
        app = create_app(make_settings(Path(scratch)), agent=object())
        return [r for r in every_route(app) if r[1] not in STATIC]


@pytest.mark.parametrize(("method", "path"), routes())
@examples(25)
@given(data=st.data())
def test_no_route_answers_5xx_on_any_input(world, method, path, data):
    values, query, (kind, body) = data.draw(request_for(world, method, path))
    url = path
    for name, value in values.items():
        url = url.replace("{" + name + "}", quote(str(value), safe="") or "x")
    headers = dict(ADMIN) if data.draw(st.booleans()) else {}
    kw: dict[str, Any] = {"params": query, "headers": headers}
    if method in ("POST", "PUT", "PATCH"):
        if kind == "json":
            kw["json"] = body
        else:
            kw["content"] = body
            headers["Content-Type"] = "application/json"
    r = world["client"].request(method, url, **kw)
    # /readyz answers 503 by contract when the instance is not ready (here: no queue workers run).
    not_ready = path == "/readyz" and r.status_code == 503 and r.json()["status"] == "not_ready"
    assert r.status_code < 500 or not_ready, (method, url, r.status_code, r.text[:500])


# ------------------------------------------------------------------------------ PII at rest
local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=3, max_size=10)
planted_email = st.builds(lambda a, b: f"{a}.{b}@plantedmail.com", local, local)
around = st.sampled_from([(" ", " "), ("\n", "\n"), (", ", ", "), (" (", ") "), (": ", ". ")])


def test_no_planted_email_is_at_rest(world):
    client, planted = world["client"], []

    @examples(40)
    @given(before=text, email=planted_email, after=text, sep=around, handoff=st.booleans())
    def chat(before, email, after, sep, handoff):
        planted.append(email)
        cid = client.post("/v1/conversations", json={}).json()["conversation_id"]
        r = client.post(f"/v1/conversations/{cid}/messages", json={"text": f"{before}{sep[0]}{email}{sep[1]}{after}"})
        assert r.status_code < 500
        if handoff:
            client.post(f"/v1/conversations/{cid}/messages", json={"text": "talk to a person"})

    chat()
    assert planted
    pattern = re.compile(b"[a-z0-9.]+@plantedmail\\.com")
    found, placeholders = set(), 0
    for path in world["data_dir"].rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found |= {(m.decode(), path.name) for m in pattern.findall(data)}
            placeholders += data.count(b"<EMAIL_")
    assert placeholders, "the scan must read where the redacted transcripts are"
    assert not found, sorted(found)[:10]
