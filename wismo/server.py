"""The FastAPI app: thin routes over the agent. OpenAPI at /docs."""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import psycopg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from psycopg_pool import PoolTimeout
from pydantic import BaseModel, Field, TypeAdapter
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .agent.runtime import Agent, ConversationNotFound, MessageRejected
from .client_address import install_client_address
from .config import Settings, get_settings, protect_data_dir
from .handoff.access import RIGHTS, authenticate, install_rate_limit
from .http_gate import RequestHead, install_body_limit
from .i18n import first_language
from .operations import install_operations, start_workers

log = logging.getLogger("wismo.server")

#: What an unreachable database raises: the store's engine (SQLAlchemy) and the checkpointer's
#: pool (psycopg). Integrity and programming errors are bugs, not outages: they stay 500s.
STORE_DOWN: tuple[type[Exception], ...] = (OperationalError, InterfaceError, psycopg.OperationalError, PoolTimeout)

#: Largest request body accepted at all (a message is limited to 4,000 characters separately).
MAX_BODY_BYTES = 64 * 1024
#: Platforms batch events and Shopify orders can be large: webhooks may send up to 2 MB.
MAX_WEBHOOK_BYTES = 2 * 1024 * 1024
#: The only `customer` a conversation may name: a Chatwoot conversation id (it becomes a URL path).
CUSTOMER_PATTERN = r"^chatwoot:[0-9]{1,18}$"
CUSTOMER_MAX_CHARS = 27


class NewConversation(BaseModel):
    channel: str = Field("web", description="web, messenger, instagram, whatsapp, cli, api or tracking_page")
    customer: str | None = Field(
        None,
        max_length=CUSTOMER_MAX_CHARS,
        pattern=CUSTOMER_PATTERN,
        description="The helpdesk conversation this chat mirrors (`chatwoot:<id>`); set by a helpdesk bridge "
        "with an agent key only, since a case is sent there with our helpdesk token",
    )


class NewMessage(BaseModel):
    text: Any = Field(..., description="What the customer wrote (plain text, at most 4,000 characters)")


#: The chat routes' return types, as FastAPI serializes them (pydantic's JSON of the annotated type).
_CHAT_JSON: dict[type, TypeAdapter] = {str: TypeAdapter(dict[str, str]), object: TypeAdapter(dict[str, Any])}


def chat_json(payload: dict[str, Any], status: int = 200, values: type = object) -> Response:
    """What FastAPI sends for a sync route's `dict` return value, byte for byte, without the hop to
    the thread pool it takes to validate that value (a second thread hand-off for every message)."""
    body = _CHAT_JSON[values].dump_json(payload, by_alias=True)
    return Response(content=body, status_code=status, media_type="application/json")


def body_limit(head: RequestHead) -> int:
    return MAX_WEBHOOK_BYTES if head.path.startswith("/webhooks/") else MAX_BODY_BYTES


def error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _routers() -> list:
    """Every part's routes: web chat, tracked offer links, return labels, ops seasonal context."""
    from .channels.meta import router as meta
    from .channels.tracking_page import router as tracking_page
    from .channels.web import router as web
    from .channels.whatsapp import router as whatsapp
    from .connectors.routes import router as connectors
    from .handoff.api import router as handoff
    from .ops.api import router as ops
    from .ops.pages import router as pages
    from .ops.queue_api import router as queue
    from .ops.seasonal_api import router as seasonal
    from .tools.labels import router as labels
    from .tools.offers import router as offers

    return [web, meta, whatsapp, connectors, offers, labels, seasonal, handoff, ops, queue, pages, tracking_page]


def create_app(settings: Settings | None = None, agent: Agent | None = None) -> FastAPI:
    settings = settings or get_settings()
    protect_data_dir(settings.data_dir)
    state: dict[str, Agent] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        # Build the agent (models, classifier, knowledge base) before the first customer arrives;
        # an empty database is created at the newest schema, an old one refused (SchemaBehind).
        ready = await run_in_threadpool(get_agent)
        await run_in_threadpool(ready.warm)
        workers = start_workers(app, settings)
        yield
        # Graceful shutdown: uvicorn has finished the requests in flight (their turns); now the
        # workers finish the item in hand and give back the ones they had not started.
        if workers is not None:
            await run_in_threadpool(workers.stop)

    app = FastAPI(
        title="wismo",
        version="0.1.0",
        description="Post-purchase support agent: WISMO answers with sources.",
        lifespan=lifespan,
    )
    lock = threading.Lock()

    def get_agent() -> Agent:
        """The process's agent, built once even when the first requests arrive together."""
        if "agent" not in state:
            with lock:
                if "agent" not in state:
                    state["agent"] = agent or Agent(settings)
        return state["agent"]

    app.state.get_agent = get_agent

    install_body_limit(app, body_limit)

    @app.exception_handler(RequestValidationError)
    async def on_validation(_request: Request, exc: RequestValidationError):
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error(400, "malformed_json", "The request body is not valid JSON.")
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return error(422, "invalid_request", f"{where or 'body'}: {first.get('msg', 'invalid')}")

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_request: Request, exc: StarletteHTTPException):
        code = {
            404: "not_found",
            405: "method_not_allowed",
            401: "unauthorized",
            403: "forbidden",
            413: "too_large",
        }.get(exc.status_code, "error")
        return error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(ConversationNotFound)
    async def on_missing(_request: Request, exc: ConversationNotFound):
        return error(
            404, "conversation_not_found", "No conversation with that id; start one with POST /v1/conversations."
        )

    async def on_store_down(_request: Request, exc: Exception):
        # The database is unreachable (restarting, failing over): say so at once; a platform's
        # webhook gets a 503 and delivers again later, so nothing it sent is lost.
        log.warning("store unavailable: %s", type(getattr(exc, "orig", None) or exc).__name__)
        return error(503, "store_unavailable", "The store is unavailable for a moment; try again shortly.")

    for unavailable in STORE_DOWN:
        app.add_exception_handler(unavailable, on_store_down)

    @app.exception_handler(MessageRejected)
    async def on_rejected(_request: Request, exc: MessageRejected):
        return error(exc.status, exc.code, exc.message)

    # The chat routes first: a request is matched against the routes in order, and these take nearly
    # every request (no other route matches their paths, so the order changes nothing else).
    @app.post("/v1/conversations", status_code=201, response_model=dict[str, str])
    def new_conversation(request: Request, body: NewConversation | None = None) -> Response:
        body = body or NewConversation()
        if body.customer:  # only a trusted bridge links a chat to a helpdesk conversation
            principal = authenticate(request.headers.get("authorization"))
            if "inbox:write" not in RIGHTS[principal.role]:
                raise StarletteHTTPException(403, "Only a helpdesk bridge (agent key) may set customer.")
        cid = get_agent().start(body.channel, body.customer)
        return chat_json({"conversation_id": cid}, 201, str)

    @app.post("/v1/conversations/{conversation_id}/messages", response_model=dict[str, Any])
    def post_message(conversation_id: str, body: NewMessage, request: Request) -> Response:
        client = request.client.host if request.client else None
        hint = first_language(request.headers.get("accept-language"))
        reply = get_agent().send(conversation_id, body.text, client=client, language_hint=hint)
        return chat_json({"message_id": reply.message_id, "reply": reply.as_dict()})

    @app.get("/v1/conversations/{conversation_id}")
    def get_conversation(conversation_id: str) -> dict[str, Any]:
        return get_agent().transcript(conversation_id)

    for router in _routers():
        app.include_router(router)
    install_rate_limit(app)
    install_client_address(app, settings.trusted_proxies)  # outermost: every limit sees the real client
    # A person's reply from the inbox reaches Messenger/Instagram/WhatsApp under the platform's rules.
    from .channels.graph_api import send_agent_reply
    from .handoff.inbox import set_channel_sender

    set_channel_sender(send_agent_reply)
    if settings.widget_origins:
        from .channels.web import allow_widget_origins

        allow_widget_origins(app, [o.strip() for o in settings.widget_origins.split(",") if o.strip()])

    install_operations(app, settings)

    return app
