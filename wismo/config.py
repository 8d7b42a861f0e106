"""All of wismo's settings in one object, read from the environment or a `.env` file.

Defaults are the embedded, offline setup: SQLite and embedded Chroma under `./wismo-data`,
the local engine, no API key. Every secret comes from the environment only.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Presidio warns at start-up about recognizers for languages we do not load; that is expected.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)


class Settings(BaseSettings):
    """wismo configuration. Each field maps to an environment variable (shown in `.env.example`)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Storage
    data_dir: Path = Field(Path("wismo-data"), alias="WISMO_DATA_DIR")
    database_url: str | None = Field(None, alias="DATABASE_URL")
    chroma_url: str | None = Field(None, alias="CHROMA_URL")

    # Brand and tone
    brand_name: str = Field("Northwind Outfitters", alias="WISMO_BRAND_NAME")
    bot_name: str = Field("Wiz", alias="WISMO_BOT_NAME")
    tone: str = Field("friendly", alias="WISMO_TONE")  # friendly | formal
    timezone: str = Field("America/New_York", alias="WISMO_TIMEZONE")

    # Engine
    engine: str = Field("local", alias="WISMO_ENGINE")  # local | openai
    confidence_threshold: float = Field(0.45, alias="WISMO_CONFIDENCE_THRESHOLD")
    #: How often (seconds) an instance looks for intent labels taught on another instance; 0: never.
    teach_refresh_s: float = Field(30.0, alias="WISMO_TEACH_REFRESH_S")
    # The OpenAI-compatible engine (OpenAI, Azure OpenAI, vLLM, Ollama, LiteLLM)
    openai_base_url: str | None = Field(None, alias="OPENAI_BASE_URL")
    openai_api_key: str | None = Field(None, alias="OPENAI_API_KEY", repr=False)
    model: str = Field("gpt-4o-mini", alias="WISMO_MODEL")
    model_timeout: float = Field(10.0, alias="WISMO_MODEL_TIMEOUT")
    #: Per turn, all model calls (reading and writing) must be done within this; then the template answer goes.
    model_deadline_ms: int = Field(4000, alias="WISMO_MODEL_DEADLINE_MS", ge=100)
    temperature: float = Field(0.2, alias="WISMO_TEMPERATURE")
    azure_api_version: str | None = Field(None, alias="OPENAI_API_VERSION")
    azure_deployment: str | None = Field(None, alias="AZURE_OPENAI_DEPLOYMENT")
    price_input_per_1k: float = Field(0.0, alias="WISMO_PRICE_INPUT_PER_1K")
    price_output_per_1k: float = Field(0.0, alias="WISMO_PRICE_OUTPUT_PER_1K")

    # Privacy: the vault key is a secret and comes from the environment only.
    vault_key: str | None = Field(None, alias="WISMO_VAULT_KEY", repr=False)
    spacy_model: str = Field("en_core_web_sm", alias="WISMO_SPACY_MODEL")
    pii_entities: str | None = Field(None, alias="WISMO_PII_ENTITIES")
    #: Countries whose national identifiers and phone layouts the redactor looks for (ISO codes).
    pii_countries: str = Field("US,GB,ES,MX,FR,DE,PT,BR", alias="WISMO_PII_COUNTRIES")
    #: The shop's order numbers (a regular expression): kept verbatim by the redactor.
    order_number_pattern: str = Field(r"#WS\d{5}", alias="WISMO_ORDER_NUMBER_PATTERN")

    # Limits
    max_message_chars: int = Field(4000, alias="WISMO_MAX_MESSAGE_CHARS")
    max_failed_verifications: int = Field(5, alias="WISMO_MAX_FAILED_VERIFICATIONS")
    verification_window_seconds: int = Field(3600, alias="WISMO_VERIFICATION_WINDOW_SECONDS")
    #: Minutes without a message after which a conversation must verify its order again; 0: never.
    verification_idle_minutes: int = Field(30, alias="WISMO_VERIFICATION_IDLE_MINUTES")
    #: Failed tries on one order from all clients in the window after which only its email verifies it.
    order_failure_ceiling: int = Field(20, alias="WISMO_ORDER_FAILURE_CEILING")

    # Server
    host: str = Field("127.0.0.1", alias="WISMO_HOST")
    port: int = Field(8000, alias="WISMO_PORT")
    #: The absolute address customers reach this service at: links in replies, DMs and notices start with it.
    public_url: str = Field("http://127.0.0.1:8000", alias="WISMO_PUBLIC_URL")
    log_level: str = Field("INFO", alias="WISMO_LOG_LEVEL")
    #: Proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the client; none: ignored.
    trusted_proxies: str = Field("", alias="WISMO_TRUSTED_PROXIES")
    #: Shop sites (comma-separated origins) allowed to embed the chat widget from another domain.
    widget_origins: str = Field("", alias="WISMO_WIDGET_ORIGINS")
    #: `text` (one line per record) or `json` (one JSON object per line, for log shippers).
    log_format: str = Field("text", alias="WISMO_LOG_FORMAT")

    # Durable queues (webhooks in, messages and cases out)
    #: Worker threads per queue in each server process; 0 leaves the queues to other processes.
    queue_workers: int = Field(2, alias="WISMO_QUEUE_WORKERS")
    #: How long a worker holds an item before another may take it over (a crashed worker's items).
    queue_lease_s: float = Field(60.0, alias="WISMO_QUEUE_LEASE_S")
    #: Seconds between looks at the queues when nothing woke the workers.
    queue_poll_s: float = Field(0.5, alias="WISMO_QUEUE_POLL_S")
    #: Tries of an inbound webhook before it is dead-lettered for ops.
    queue_max_attempts: int = Field(5, alias="WISMO_QUEUE_MAX_ATTEMPTS")
    #: Tries of an outbound message or case before it is dead-lettered for ops.
    outbox_max_attempts: int = Field(8, alias="WISMO_OUTBOX_MAX_ATTEMPTS")
    #: First retry delay (seconds); each next one doubles, up to 10 minutes.
    outbox_backoff_s: float = Field(2.0, alias="WISMO_OUTBOX_BACKOFF_S")

    @field_validator("order_number_pattern")
    @classmethod
    def _valid_pattern(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"WISMO_ORDER_NUMBER_PATTERN is not a regular expression ({exc})") from exc
        return value

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "wismo.db"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "checkpoints.db"

    @property
    def eta_model_path(self) -> Path:
        return self.data_dir / "eta-model.joblib"

    @property
    def store_url(self) -> str:
        """The SQLAlchemy URL of the store: PostgreSQL when configured, else SQLite in data_dir."""
        if self.database_url:
            url = self.database_url
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{self.sqlite_path}"

    @property
    def uses_postgres(self) -> bool:
        return self.store_url.startswith("postgresql")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call `get_settings.cache_clear()` after changing env."""
    return Settings()


_key_files_lock = threading.Lock()


def local_key(path: Path, make: Callable[[], bytes]) -> tuple[bytes, bool]:
    """A secret kept in a file of the data dir, for one host without a configured key: created once
    with `make`, readable by us only (0600). The file appears whole (written aside, then linked into
    place), so a process that loses the race to create it reads the winner's key, never a half one.
    Returns the file's bytes and whether this call created it."""
    created = False
    with _key_files_lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(make())
                os.link(tmp, path)
                created = True
            except FileExistsError:
                pass  # another process created it first
            finally:
                os.unlink(tmp)
    return path.read_bytes(), created


def protect_data_dir(path: Path, create: bool = True) -> None:
    """Keep the data dir ours alone: the directory and its folders 0700, its files 0600, and this
    process's umask 077 so what it creates next (SQLite and its logs, Chroma, labels) is private
    too. The dir holds the store, the vault key and transcripts; other users of the host must not
    read them. Entries owned by another user are left alone (we cannot change them)."""
    os.umask(0o077)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    if not path.is_dir():
        return
    private = [(str(path), 0o700)]
    for root, dirs, files in os.walk(path):
        private += [(os.path.join(root, d), 0o700) for d in dirs]
        private += [(os.path.join(root, f), 0o600) for f in files]
    uid = os.getuid()
    for name, mode in private:
        try:
            st = os.lstat(name)
            if st.st_uid == uid and not os.path.islink(name) and (st.st_mode & 0o777) != mode:
                os.chmod(name, mode)
        except OSError:  # gone meanwhile, or not ours to change
            continue
