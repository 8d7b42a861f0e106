"""How wismo logs: one line per record, as text or (WISMO_LOG_FORMAT=json) as one JSON object.

JSON lines carry `ts`, `level`, `logger`, `message` (and `exc` for a traceback), so a log shipper
reads them without parsing prose. What is logged is unchanged: no customer text, ever.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def _formatter_config(fmt: str) -> dict[str, Any]:
    if fmt == "json":
        return {"()": "wismo.logs.JsonFormatter"}
    return {"format": TEXT_FORMAT}


def check_format(fmt: str) -> str:
    fmt = (fmt or "text").lower()
    if fmt not in ("text", "json"):
        raise ValueError(f"WISMO_LOG_FORMAT must be 'text' or 'json', not {fmt!r}")
    return fmt


def config(level: str, fmt: str) -> dict[str, Any]:
    """A logging.config dict for the whole process, uvicorn's loggers included (also what uvicorn
    hands its worker processes)."""
    fmt = check_format(fmt)
    handler = {"class": "logging.StreamHandler", "formatter": "wismo", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"wismo": _formatter_config(fmt)},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level.upper()},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.access": {"handlers": ["default"], "level": "WARNING", "propagate": False},
            # Alembic tells every schema check at INFO; `wismo db upgrade` says what it did itself.
            "alembic": {"level": "WARNING"},
        },
    }


def configure(level: str, fmt: str) -> None:
    """Set up logging for a command, unless the host already did (like `logging.basicConfig`: a
    test runner or an embedding application keeps its own handlers)."""
    import logging.config

    cfg = config(level, fmt)
    if logging.getLogger().handlers:
        return
    logging.config.dictConfig(cfg)
