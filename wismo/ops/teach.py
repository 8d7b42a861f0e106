"""Teach without code: an ops lead labels an utterance (or a whole cluster) with the right intent,
and the local engine learns it at once.

Labels are only ever added (who, when, what), so the table is its own audit trail; the latest label
for a text wins. `reload_taught_examples` retrains the process-wide classifier with every label and
swaps it in; call it at start-up and after each label (other instances pick labels up at start).
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import UnresolvedTurn
from ..handoff.records import IntentLabel, ensure_tables

log = logging.getLogger("wismo.ops.teach")
_reload_lock = threading.Lock()


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

    extra = taught_examples(engine)
    if not extra and not force:
        return nlu.get_classifier()
    with _reload_lock:
        classifier = nlu.IntentClassifier.from_examples(extra=extra)
        with nlu._lock:
            nlu._classifier = classifier
    log.info("intent classifier reloaded with %d taught examples", len(extra))
    return classifier
