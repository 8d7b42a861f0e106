"""A local stand-in of an OpenAI-compatible chat-completions endpoint, scripted per test.

It speaks the real wire format (choices[].message with content or tool_calls, finish_reason,
usage) and records every request, so tests can assert what the model was shown.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

from wismo.evals.child import free_port

Script = Callable[[dict[str, Any]], dict[str, Any]]


def text_reply(content: str) -> dict[str, Any]:
    return {"role": "assistant", "content": content}


def tool_call(name: str, arguments: dict[str, Any] | str, call_id: str = "call_1") -> dict[str, Any]:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}],
    }


def last_tool_result(request: dict[str, Any]) -> dict[str, Any]:
    for m in reversed(request["messages"]):
        if m.get("role") == "tool":
            return json.loads(m["content"])
    return {}


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.script: list[Script | dict[str, Any]] = []
        self.delay = 0.0
        #: Seconds between streamed pieces (a slow model that starts answering at once).
        self.chunk_delay = 0.0
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def completions(request: Request) -> Any:
            body = await request.json()
            self.requests.append(body)
            # The step is taken on arrival: a slow request a test gave up on must not take the next test's step.
            step = self.script.pop(0) if self.script else text_reply("I can help with that.")
            if self.delay:
                await asyncio.sleep(self.delay)
            message = step(body) if callable(step) else step
            finish = "tool_calls" if message.get("tool_calls") else "stop"
            if body.get("stream"):
                return StreamingResponse(self._chunks(body, message, finish), media_type="text/event-stream")
            return {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "fake"),
                "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
                "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
            }

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def _chunks(self, body: dict[str, Any], message: dict[str, Any], finish: str) -> Iterator[str]:
        """The same answer as server-sent events, a few characters at a time, then the usage."""
        base = {"id": f"chatcmpl-{len(self.requests)}", "object": "chat.completion.chunk", "model": "fake"}
        content = message.get("content") or ""
        pieces = [content[i : i + 12] for i in range(0, len(content), 12)] or [""]
        for i, piece in enumerate(pieces):
            delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
            yield (
                "data: "
                + json.dumps(base | {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]})
                + "\n\n"
            )
            if self.chunk_delay:
                time.sleep(self.chunk_delay)
        yield "data: " + json.dumps(base | {"choices": [{"index": 0, "delta": {}, "finish_reason": finish}]}) + "\n\n"
        usage = {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150}
        yield "data: " + json.dumps(base | {"choices": [], "usage": usage}) + "\n\n"
        yield "data: [DONE]\n\n"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        deadline = time.time() + 10
        while not self.server.started and time.time() < deadline:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
