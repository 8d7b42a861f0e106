"""Teach without code: an ops lead labels an utterance (or a whole cluster) with the right intent,
and the local engine learns it at once.

Labels are only ever added (who, when, what), so the table is its own audit trail; the latest label
for a text wins. `reload_taught_examples` retrains the process-wide classifier with every label and
swaps it in; call it at start-up and after each label. Other instances notice new labels with
`refresh_if_taught` (labels only grow, so the newest id says whether there is anything to learn).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import UnresolvedTurn
from ..handoff.records import IntentLabel, ensure_tables

log = logging.getLogger("wismo.ops.teach")
_reload_lock = threading.Lock()
#: The newest label id the process-wide classifier has learned, and when to look again.
_learned = {"id": 0, "next_look": 0.0, "busy": False}


class LabelError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _check_intent(intent: str) -> None:
    from ..agent.nlu import INTENTS

    if intent not in INTENTS:
        raise LabelError(422, f"Unknown intent {intent!r}; use one of {', '.join(INTENTS)}.")


def label_turns(
    engine: Engine, ids: list[int], intent: str, actor: str, now: datetime, cluster_id: str | None = None
) -> list[dict[str, Any]]:
    """Label each unresolved turn in `ids` with `intent`; 404 if any is missing."""
    _check_intent(intent)
    ensure_tables(engine)
    with session(engine) as s:
        turns = {t.id: t for t in s.exec(select(UnresolvedTurn).where(col(UnresolvedTurn.id).in_(ids)))}
        missing = [i for i in ids if i not in turns]
        if missing:
            raise LabelError(404, f"No unresolved turn {missing[0]}.")
        rows = [
            IntentLabel(
                unresolved_id=i, text=turns[i].text, intent=intent, cluster_id=cluster_id, actor=actor, created_at=now
            )
            for i in ids
        ]
        s.add_all(rows)
        s.commit()
        for r in rows:
            s.refresh(r)
    return [{"id": r.id, "unresolved_id": r.unresolved_id, "intent": intent} for r in rows]


def labels(engine: Engine, limit: int = 500) -> list[dict[str, Any]]:
    """The audit trail, newest first."""
    ensure_tables(engine)
    with session(engine) as s:
        return [
            {
                "id": r.id,
                "unresolved_id": r.unresolved_id,
                "cluster_id": r.cluster_id,
                "text": r.text,
                "intent": r.intent,
                "actor": r.actor,
                "created_at": r.created_at.isoformat(),
            }
            for r in s.exec(select(IntentLabel).order_by(col(IntentLabel.id).desc()).limit(limit))
        ]


def labelled(engine: Engine) -> dict[int, str]:
    """unresolved turn id -> its latest label."""
    ensure_tables(engine)
    with session(engine) as s:
        out: dict[int, str] = {}
        for r in s.exec(select(IntentLabel).order_by(col(IntentLabel.id))):
            if r.unresolved_id is not None:
                out[r.unresolved_id] = r.intent
        return out


def taught_examples(engine: Engine) -> list[tuple[str, str]]:
    """(text, intent) per distinct labelled text, the latest label winning."""
    ensure_tables(engine)
    latest: dict[str, str] = {}
    with session(engine) as s:
        for r in s.exec(select(IntentLabel).order_by(col(IntentLabel.id))):
            if r.text.strip():
                latest[r.text] = r.intent
    return sorted(latest.items())


def reload_taught_examples(engine: Engine, force: bool = True):
    """Retrain the classifier with every ops label and make it the process-wide one; returns it.

    With `force=False` (for start-up) a store without labels keeps the default classifier.
    """
    from ..agent import nlu

    newest = latest_label_id(engine)  # read first: a label landing meanwhile is learned next time
    extra = taught_examples(engine)
    if not extra and not force:
        classifier = nlu.get_classifier()
    else:
        with _reload_lock:
            classifier = nlu.IntentClassifier.from_examples(extra=extra)
            with nlu._lock:
                nlu._classifier = classifier
        log.info("intent classifier reloaded with %d taught examples", len(extra))
    _learned["id"] = max(_learned["id"], newest)
    return classifier


def latest_label_id(engine: Engine) -> int:
    ensure_tables(engine)
    with session(engine) as s:
        return int(s.exec(select(func.max(IntentLabel.id))).one() or 0)


def refresh_if_taught(engine: Engine, every_s: float, background: bool = True) -> bool:
    """At most every `every_s` seconds, look for labels this process has not learned (taught on
    another instance) and retrain with them, in a background thread unless `background=False`
    (a retrain takes ~1 s; turns meanwhile use the current classifier). True when it retrains."""
    now = time.monotonic()
    if every_s <= 0 or now < _learned["next_look"] or _learned["busy"]:
        return False
    _learned["next_look"] = now + every_s
    if latest_label_id(engine) <= _learned["id"]:
        return False
    _learned["busy"] = True

    def retrain() -> None:
        try:
            reload_taught_examples(engine)
        except Exception:  # the old classifier stays; the next look tries again
            log.warning("reloading taught examples failed", exc_info=True)
        finally:
            _learned["busy"] = False

    if background:
        threading.Thread(target=retrain, name="wismo-teach-refresh", daemon=True).start()
    else:
        retrain()
    return True
