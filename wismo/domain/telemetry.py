"""Process metrics for Prometheus, defined at the bottom so every layer can count what it does.

Counters and histograms live in this process (with `wismo serve --workers N`, in a shared
multiprocess directory, see `registry`); queue depth and age are read from the store when
`/metrics` is scraped, so every instance reports the same shared queue.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client import multiprocess as _multiprocess

TURNS = Counter("wismo_turns_total", "Customer turns answered, by intent", ["intent"])
TURN_SECONDS = Histogram(
    "wismo_turn_seconds",
    "Time to answer one customer turn",
    buckets=(0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
HANDOFFS = Counter("wismo_handoffs_total", "Conversations handed to a person, by reason", ["reason"])
FALLBACKS = Counter("wismo_model_fallbacks_total", "Model turns answered by the local engine, by reason", ["reason"])
INBOUND = Counter("wismo_inbound_total", "Inbound queue items processed, by source and outcome", ["source", "outcome"])
OUTBOX_SENT = Counter("wismo_outbox_sent_total", "Outbox items delivered, by kind", ["kind"])
OUTBOX_RETRIES = Counter("wismo_outbox_retries_total", "Outbox deliveries that failed and will be retried", ["kind"])
OUTBOX_DEAD = Counter("wismo_outbox_dead_letters_total", "Outbox items given up after the retry limit", ["kind"])
OUTBOX_REFUSED = Counter(
    "wismo_outbox_refused_total",
    "Outbox items the platform's rules refused (e.g. window closed, no template)",
    ["kind"],
)
INBOUND_DEAD = Counter("wismo_inbound_dead_letters_total", "Inbound items given up after the retry limit", ["source"])


def registry() -> CollectorRegistry | None:
    """With several worker processes (PROMETHEUS_MULTIPROC_DIR set), a registry that adds up every
    process's files; None means the default registry of this process."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return None
    reg = CollectorRegistry()
    _multiprocess.MultiProcessCollector(reg)
    return reg
