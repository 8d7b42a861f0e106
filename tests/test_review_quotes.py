"""The daily review shows what customers wrote as plain text: no image, link or markup of theirs renders."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from wismo.domain import demo
from wismo.domain.db import create_schema, get_engine
from wismo.ops import review
from wismo.ops.unresolved import log_unresolved

from .conftest import make_settings

NASTY = (
    "where is it\n![pwn](https://attacker.example/p.png)\n[click](https://attacker.example/x) "
    "<script>alert(1)</script> **loud** ``tick` <img src=x onerror=alert(2)>"
)


def test_customer_text_in_the_review_is_plain_text(tmp_path):
    engine = get_engine(make_settings(tmp_path / "data").store_url)
    create_schema(engine)
    demo.seed(engine, orders=60)
    now = datetime.now(UTC)
    for i in range(3):
        log_unresolved(engine, f"c-{i}", NASTY, "out_of_scope", 0.1, "out_of_scope", now)
    files = review.write(engine, now - timedelta(days=1), now + timedelta(minutes=1), tmp_path / "out")["files"]
    md = open(files["markdown"], encoding="utf-8").read()
    page = open(files["html"], encoding="utf-8").read()
    # The text is there, as words on one line of the Markdown, inside a code span.
    quoted_lines = [line for line in md.splitlines() if "attacker.example" in line]
    assert quoted_lines and all(line.startswith("- ") for line in quoted_lines)
    assert all("`" in line for line in quoted_lines)
    # The HTML shows it escaped, never as an element or attribute of its own.
    assert "attacker.example/p.png" in page
    assert "src='https://attacker" not in page and 'src="https://attacker' not in page
    assert "<a " not in page and "<script" not in page and "onerror=alert" not in page.replace("&lt;img", "")
    assert "<strong>loud</strong>" not in page
    images = re.findall(r"<img [^>]*>", page)
    assert all(re.search(r"src='review-[\w.-]+\.png'", tag) for tag in images), images


def test_the_review_template_marks_up_only_our_own_words():
    from wismo.web.views import code_spans, render

    assert (
        str(code_spans("label `order_status` <b>now</b>")) == "label <code>order_status</code> &lt;b&gt;now&lt;/b&gt;"
    )
    review_data = {
        "since": "2025-12-11T00:00:00",
        "until": "2025-12-12T00:00:00",
        "metrics": {
            "conversations": 3,
            "deflection_rate": 0.5,
            "handoff_rate": None,
            "contact_rate_per_100_orders": None,
            "csat": {"score": None, "responses": 0},
        },
        "unresolved_total": 1,
        "clusters": [
            {
                "count": 2,
                "cluster_id": "u1",
                "label": "wo ist <b>mein</b> paket",
                "examples": [{"text": "`x` <i>y</i>"}],
                "advice": review._cluster_advice({"intent_guesses": {"order_status": 2}}),
            }
        ],
        "flags": [],
        "delays": [],
        "handoffs": [{"reason": "customer_requested", "count": 1, "advice": review._handoff_advice("nope")}],
    }
    page = render("review/review.html", "en", title="t", review=review_data, images={}, sections=review.SECTIONS,
                  pct=review._pct)  # fmt: skip
    assert "Likely <code>order_status</code> said in new words" in page
    assert (
        "<code>wo ist &lt;b&gt;mein&lt;/b&gt; paket</code>" in page and "<code>`x` &lt;i&gt;y&lt;/i&gt;</code>" in page
    )
    assert "Conversations: <strong>3</strong>, deflected 50.0%, handed off n/a" in page
    assert "Read a few of these threads." in page and "<h2>Handoff reasons</h2>" in page
    assert "<img" not in page  # no chart files given, no image
