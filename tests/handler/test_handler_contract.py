"""schemathesis against the running handler: the OpenAPI description is a contract clients can trust.

A real server thread on loopback (the devserver stack: handler, outbox worker, aiosmtpd sink, SQLite file),
no rate limit. Positive phase: schema-valid tickets are accepted (>= 95 %) and their mails arrive. Negative
phase: schema-invalid data never causes a 5xx, and what is refused sends no mail. Every answer must be a
documented status with a documented media type and body.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.file_samples import FILE_SAMPLES
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from catalog.tickets import TICKET_TYPES
from catalog.uploads import ALLOWED
from handler.devserver import DevStack

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Cases per ticket type: generating from the patterns costs most of the time (about 1.5 min in all).
EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 12}
ACCEPT = st.sampled_from([{"Accept": "application/json"}, {"Accept": "text/html"}, {}])
# Files the schema describes: an allowed name (schemathesis names a part after its bytes' kind) and content.
FILES = st.sampled_from([FILE_SAMPLES[ext.strip(".")] for ext in ALLOWED if ext.strip(".") in FILE_SAMPLES])


def _fills_honeypot(body: Any) -> bool:
    """Whether the form as sent has a non-empty first ``website`` value: requests sends ``str()`` of a
    number or boolean, each item of a list (or key of a dict), and drops ``None`` (negative cases
    generate all of these)."""
    if not isinstance(body, dict) or body.get("website") is None:
        return False
    value = body["website"]
    items = [value] if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__") else list(value)
    items = [item for item in items if item is not None]
    if not items:
        return False
    first = items[0]
    return len(first) > 0 if isinstance(first, (str, bytes)) else str(first) != ""


class Tally:
    """What one phase sent and got: answers by status, tickets created, 5xx."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.tickets: set[str] = set()
        self.refusals: list[tuple[Any, str]] = []  # schema-valid but refused: shown when too many

    def record(self, response: Any, body: Any) -> None:
        self.statuses.append(response.status_code)
        if _fills_honeypot(body):
            return  # the honeypot: answered like a success, stored as spam, never mailed
        number = None
        if response.status_code == 201:
            number = response.json()["ticket"]
        elif response.status_code == 303:
            number = re.search(r"\?ticket=([0-9]+)$", response.headers["location"][0]).group(1)  # type: ignore[union-attr]
        if number:
            self.tickets.add(number)

    @property
    def accepted(self) -> int:
        return sum(s in (201, 303) for s in self.statuses)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevStack]:
    site = tmp_path_factory.mktemp("no-site")
    config = {"RATELIMIT_ENABLED": False, "OUTBOX_POLL_SECONDS": 0.2}
    stack = DevStack(site, tmp_path_factory.mktemp("contract"), port=0, config=config).start()
    schemathesis.openapi.format("binary", FILES)
    yield stack
    schemathesis.specs.openapi.formats.unregister_string_format("binary")
    stack.stop()


@pytest.fixture(scope="module")
def issued() -> set[str]:
    """Tickets the module's earlier phases created: a later phase that generates the same idempotency key
    gets that ticket's number again, and rightly no second mail."""
    return set()


@pytest.fixture(scope="module")
def schema(live: DevStack):  # type: ignore[no-untyped-def]
    return schemathesis.openapi.from_url(f"{live.base_url}/api/openapi.json")


def _run(schema, live: DevStack, mode: GenerationMode) -> Tally:  # type: ignore[no-untyped-def]
    tally = Tally()
    session = requests.Session()
    for ticket_type in TICKET_TYPES:
        operation = schema[f"/api/tickets/{ticket_type}"]["POST"]

        @settings(
            max_examples=EXAMPLES[mode], deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy(generation_mode=mode), headers=ACCEPT)
        def send(case, headers) -> None:  # type: ignore[no-untyped-def]
            sent = dict(headers)
            response = case.call(base_url=live.base_url, session=session, headers=sent, allow_redirects=False)
            tally.record(response, case.body)
            if response.status_code == 422 and mode == GenerationMode.POSITIVE:
                tally.refusals.append((case.body, response.text[:300]))
            case.validate_response(response, checks=CHECKS, headers=sent)

        send()
    return tally


def _outbox(live: DevStack) -> dict[str, Any]:
    with urllib.request.urlopen(f"{live.base_url}/healthz", timeout=10) as answer:
        return json.load(answer)["outbox"]


def _mailed(live: DevStack, tickets: set[str]) -> dict[str, set[str]]:
    """Once the outbox is empty: the kinds of mail (team, confirm) received per ticket number."""
    deadline = time.monotonic() + 60
    while (outbox := _outbox(live))["pending"]:
        assert time.monotonic() < deadline, f"outbox not drained: {outbox}"
        time.sleep(0.1)
    assert outbox["dead"] == 0
    live.sink.wait_for(2 * len(tickets), timeout=10)
    kinds: dict[str, set[str]] = {}
    for mail in live.sink.messages:
        kind = "confirm" if mail["Auto-Submitted"] else "team"
        kinds.setdefault(str(mail["X-Helpcenter-Ticket"]), set()).add(kind)
    return kinds


def test_positive_phase_schema_valid_tickets_are_accepted_and_mailed(
    schema, live: DevStack, issued: set[str]
) -> None:  # type: ignore[no-untyped-def]
    live.sink.clear()
    tally = _run(schema, live, GenerationMode.POSITIVE)
    assert len(tally.statuses) >= 3 * 10, "too few cases generated"
    print(f"positive phase: {tally.accepted}/{len(tally.statuses)} accepted, {len(tally.tickets)} tickets")
    assert tally.accepted / len(tally.statuses) >= 0.95, (tally.statuses, tally.refusals[:3])
    new = tally.tickets - issued
    issued.update(new)
    assert _mailed(live, new) == {number: {"team", "confirm"} for number in new}


def test_negative_phase_no_server_error_and_no_mail_for_refused(
    schema, live: DevStack, issued: set[str]
) -> None:  # type: ignore[no-untyped-def]
    live.sink.clear()
    tally = _run(schema, live, GenerationMode.NEGATIVE)
    print(f"negative phase: {len(tally.statuses)} cases, statuses {sorted(set(tally.statuses))}")
    assert not [s for s in tally.statuses if s >= 500]
    refused = len(tally.statuses) - tally.accepted
    assert refused >= len(tally.statuses) * 0.5, "negative data should mostly be refused"
    # Every mail belongs to a ticket the API acknowledged: the refused requests sent none.
    new = tally.tickets - issued
    issued.update(new)
    assert _mailed(live, new) == {number: {"team", "confirm"} for number in new}
