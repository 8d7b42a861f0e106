"""`wismo review --since 1d`: the daily ops review as Markdown and HTML, charts as PNG.

What it answers: what did the bot fail to understand (top clusters), which answers did agents flag,
why were parcels late (delay and exception scans), why did cases go to people; and for each, what
to do about it. Matplotlib runs on the Agg backend, so no display is needed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from ..domain.db import session
from ..domain.models import Shipment, TrackingEvent
from . import clusters as clustering
from . import metrics as metrics_mod
from .feedback import flags as list_flags
from .unresolved import recent

TOP = 5

HANDOFF_ADVICE = {
    "customer_requested": "Read these threads: if people ask for a person after a good answer, the answer may need "
    "a clearer next step; if before, check that the greeting says what the bot can do.",
    "low_confidence": "Label the utterances in /ops so the engine learns them.",
    "out_of_scope": "Add a knowledge article or a quick reply for the top requests, or route them to the right team.",
    "repeated_failure": "Label the clusters below; the bot did not understand several turns in a row.",
    "negative_sentiment": "Look for a shared cause (a late carrier, a policy) and send a proactive notice.",
    "policy_exception": "Decide whether the policy needs a standing exception the bot can offer.",
    "tool_failure": "Check the connector logs: a tracking or order lookup failed.",
    "guardrail_block": "The bot's draft failed a grounding check: review the template or the evidence it uses.",
    "verification_failed": "Check that the verification prompt explains where to find the order number.",
    "high_value": "Expected: high-value orders get a person. Watch the wait time.",
}

DELAY_ADVICE = [
    (r"weather", "Send a proactive weather notice to customers with parcels in the area."),
    (r"volume|capacity|holiday", "Set expectations: show holiday volume notices and push back cutoff promises."),
    (r"address", "Validate addresses at checkout; ask affected customers to confirm theirs now."),
    (r"damaged", "Open carrier claims and offer a replacement before the customer asks."),
    (r"label", "Check label printing quality at the warehouse."),
    (r"connection|reschedul|road|closure", "Transient carrier issue: the new ETA covers it; watch for repeats."),
]


def _advice_for_delay(cause: str) -> str:
    for pattern, advice in DELAY_ADVICE:
        if re.search(pattern, cause, re.I):
            return advice
    return "Ask the carrier what happened and whether it will recur."


def _cluster_advice(c: dict[str, Any]) -> str:
    guess, _ = next(iter(c["intent_guesses"].items()))
    if guess == "out_of_scope":
        return "A request the bot does not cover: add a knowledge article or intent, or label it in /ops."
    return f"Likely `{guess}` said in new words: if so, label the cluster `{guess}` in /ops so the engine learns it."


def delay_causes(engine: Engine, since: datetime, until: datetime) -> list[dict[str, Any]]:
    """Delay and exception scans in [since, until) on the store clock, counted by cause and carrier."""
    with session(engine) as s:
        rows = s.exec(
            select(TrackingEvent.description, TrackingEvent.status, Shipment.carrier)
            .join(Shipment, col(Shipment.id) == TrackingEvent.shipment_id)
            .where(
                col(TrackingEvent.status).in_(["delayed", "exception"]),
                TrackingEvent.occurred_at >= since,
                TrackingEvent.occurred_at < until,
            )
        )
        counts: Counter = Counter()
        carriers: dict[str, Counter] = {}
        for description, status, carrier in rows:
            key = (description, str(getattr(status, "value", status)))
            counts[key] += 1
            carriers.setdefault(description, Counter())[carrier] += 1
    return [
        {
            "cause": d,
            "status": st,
            "count": n,
            "carriers": dict(carriers[d].most_common()),
            "advice": _advice_for_delay(d),
        }
        for (d, st), n in counts.most_common()
    ]


def build(engine: Engine, since: datetime, until: datetime, settings: Any = None) -> dict[str, Any]:
    """Everything the review shows, as data."""
    from ..domain.store import Store

    store_now = Store(engine).now()
    m = metrics_mod.compute(engine, since, until, store_now=store_now)
    rows = recent(engine, since=since, until=until, limit=2000)
    top_clusters = clustering.cluster(rows, settings)[:TOP]
    for c in top_clusters:
        c["advice"] = _cluster_advice(c)
        c.pop("member_ids", None)
    store_since = datetime.fromisoformat(m["orders_period"]["since"])
    store_until = datetime.fromisoformat(m["orders_period"]["until"])
    return {
        "since": since.isoformat(),
        "until": until.isoformat(),
        "metrics": m,
        "clusters": top_clusters,
        "unresolved_total": len(rows),
        "flags": list_flags(engine, since, until),
        "delays": delay_causes(engine, store_since, store_until)[:TOP],
        "handoffs": [
            {"reason": r, "count": n, "advice": HANDOFF_ADVICE.get(r, "Read a few of these threads.")}
            for r, n in m["handoffs_by_reason"].items()
        ],
    }


# ------------------------------------------------------------------------------------------ charts
def charts(review: dict[str, Any], out: Path, stem: str) -> dict[str, str]:
    """PNG charts next to the report; returns {name: file name}."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    made: dict[str, str] = {}

    def save(fig, name: str) -> None:
        path = out / f"{stem}-{name}.png"
        fig.tight_layout()
        fig.savefig(path, dpi=110)
        plt.close(fig)
        made[name] = path.name

    series = review["metrics"]["series"]
    if series:
        fig, ax = plt.subplots(figsize=(7, 3))
        days = [d["day"][5:] for d in series]
        ax.bar(days, [d["conversations"] for d in series], color="#9db4d3", label="conversations")
        ax.bar(days, [d["handoffs"] for d in series], color="#d9822b", label="handoffs")
        ax.set_title("Conversations and handoffs per day")
        ax.legend(loc="upper left", fontsize=8)
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        save(fig, "daily")
    for name, items, key, title in (
        ("handoffs", review["handoffs"], "reason", "Handoff reasons"),
        ("clusters", review["clusters"], "label", "Top unresolved clusters"),
        ("delays", review["delays"], "cause", "Delay and exception causes"),
    ):
        if not items:
            continue
        fig, ax = plt.subplots(figsize=(7, 0.5 + 0.45 * len(items)))
        labels = [str(i[key])[:48] for i in items][::-1]
        ax.barh(labels, [i["count"] for i in items][::-1], color="#3b6ea5")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(title)
        ax.tick_params(axis="y", labelsize=8)
        save(fig, name)
    return made


# ------------------------------------------------------------------------------------------ documents
def _pct(v: float | None) -> str:
    return "n/a" if v is None else f"{100 * v:.1f}%"


def quoted(text: Any, limit: int = 140) -> str:
    """Text we did not write (a customer's, a carrier's) as a Markdown code span on one line: every
    Markdown viewer, and `to_html`, shows it as plain text, so a `![](https://...)` stays words."""
    flat = " ".join(str(text).split())[:limit]
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def markdown(review: dict[str, Any], images: dict[str, str]) -> str:
    m = review["metrics"]
    csat = m["csat"]
    lines = [
        f"# wismo daily review: {review['since'][:16]} to {review['until'][:16]} UTC",
        "",
        f"- Conversations: **{m['conversations']}**, deflected {_pct(m['deflection_rate'])}, "
        f"handed off {_pct(m['handoff_rate'])}",
        f"- Contacts per 100 orders: {m['contact_rate_per_100_orders'] if m['contact_rate_per_100_orders'] is not None else 'n/a'}",  # noqa: E501
        f"- CSAT: {_pct(csat['score'])} thumbs up of {csat['responses']} ratings",
        f"- Unresolved turns: {review['unresolved_total']}; flagged answers: {len(review['flags'])}",
        "",
    ]
    if "daily" in images:
        lines += [f"![Conversations and handoffs per day]({images['daily']})", ""]
    lines += ["## Top unresolved clusters", ""]
    if not review["clusters"]:
        lines += ["Nothing unresolved in this period.", ""]
    for c in review["clusters"]:
        examples = "; ".join(quoted(e["text"]) for e in c["examples"][:3])
        lines += [
            f"- **{c['count']}x** `{c['cluster_id']}` {quoted(c['label'], 80)}: e.g. {examples}",
            f"  - Do: {c['advice']}",
        ]
    if "clusters" in images:
        lines += ["", f"![Top unresolved clusters]({images['clusters']})"]
    lines += ["", "## Answers flagged as wrong", ""]
    if not review["flags"]:
        lines += ["No answer was flagged.", ""]
    for f in review["flags"][:10]:
        lines += [
            f"- Message {f['message_id']} ({f['intent'] or 'no intent'}): {quoted(f['text'])}; "
            f"note: {quoted(f['note'] or '-')}",
            "  - Do: check the template and evidence behind this intent; fix the wording or the data source.",
        ]
    lines += ["", "## Top delay causes", ""]
    if not review["delays"]:
        lines += ["No delay or exception scans in this period.", ""]
    for d in review["delays"]:
        carriers = ", ".join(f"{k} {v}" for k, v in d["carriers"].items())
        lines += [f"- **{d['count']}x** {quoted(d['cause'])} ({d['status']}; {carriers})", f"  - Do: {d['advice']}"]
    if "delays" in images:
        lines += ["", f"![Delay causes]({images['delays']})"]
    lines += ["", "## Handoff reasons", ""]
    if not review["handoffs"]:
        lines += ["No handoffs in this period.", ""]
    for h in review["handoffs"]:
        lines += [f"- **{h['count']}x** {h['reason']}", f"  - Do: {h['advice']}"]
    if "handoffs" in images:
        lines += ["", f"![Handoff reasons]({images['handoffs']})"]
    return "\n".join(lines).rstrip() + "\n"


def to_html(md: str, title: str) -> str:
    """A small Markdown-to-HTML for our own report (headings, bullets, bold, code, images)."""
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title>",
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#1d2633}"
        "img{max-width:100%}code{background:#eef2f7;padding:0 .25em}li li{color:#41546b}</style></head><body>",
    ]
    depth = 0

    def plain(text: str) -> str:
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text))

    def inline(text: str) -> str:
        """Bold outside code spans; a code span's content is escaped text and nothing else."""
        parts, pos = [], 0
        for span in re.finditer(r"(`+)(.+?)\1", text):
            content = span.group(2)
            if content.startswith(" ") and content.endswith(" ") and content.strip():
                content = content[1:-1]
            parts += [plain(text[pos : span.start()]), f"<code>{html.escape(content)}</code>"]
            pos = span.end()
        return "".join(parts) + plain(text[pos:])

    for raw in md.splitlines():
        level = 2 if raw.startswith("  - ") else 1 if raw.startswith("- ") else 0
        while depth > level:
            out.append("</ul>")
            depth -= 1
        while depth < level:
            out.append("<ul>")
            depth += 1
        line = raw.strip()
        img = re.fullmatch(r"!\[(.*?)\]\(([\w.-]+\.png)\)", line)  # our own charts, beside the report
        if img:
            out.append(f"<p><img alt='{html.escape(img.group(1))}' src='{html.escape(img.group(2))}'></p>")
        elif line.startswith("## "):
            out.append(f"<h2>{inline(line[3:])}</h2>")
        elif line.startswith("# "):
            out.append(f"<h1>{inline(line[2:])}</h1>")
        elif level:
            out.append(f"<li>{inline(line[2:])}</li>")
        elif line:
            out.append(f"<p>{inline(line)}</p>")
    out += ["</ul>"] * depth + ["</body></html>"]
    return "\n".join(out)


def write(engine: Engine, since: datetime, until: datetime, out: Path, settings: Any = None) -> dict[str, Any]:
    """Build and write the review; returns the data plus the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    review = build(engine, since, until, settings)
    stem = f"review-{until.date().isoformat()}"
    images = charts(review, out, stem)
    md = markdown(review, images)
    md_path = out / f"{stem}.md"
    html_path = out / f"{stem}.html"
    md_path.write_text(md, encoding="utf-8")
    html_path.write_text(to_html(md, f"wismo review {until.date().isoformat()}"), encoding="utf-8")
    review["files"] = {
        "markdown": str(md_path),
        "html": str(html_path),
        "charts": [str(out / p) for p in images.values()],
    }
    return review


def cmd_review(args: argparse.Namespace) -> int:
    from ..config import get_settings
    from ..domain.db import create_schema, get_engine

    settings = get_settings()
    engine = get_engine(settings.store_url)
    create_schema(engine)
    now = datetime.now(UTC)
    since = metrics_mod.parse_when(args.since, now)
    until = metrics_mod.parse_when(args.until, now) or now
    out = Path(args.out) if args.out else settings.data_dir / "reviews"
    review = write(engine, since or now - metrics_mod.DEFAULT_PERIOD, until, out, settings)
    if args.json:
        print(json.dumps(review, default=str))
    else:
        print(f"wrote {review['files']['markdown']} and {review['files']['html']}", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    """Add `wismo review` to the CLI's subparsers."""
    s = subparsers.add_parser("review", help="write the daily ops review (Markdown + HTML with PNG charts)")
    s.add_argument("--since", default="1d", help="period start: 1d, 12h, 7d or an ISO date (default 1d)")
    s.add_argument("--until", default=None, help="period end (default now)")
    s.add_argument("--out", default=None, help="output folder (default <WISMO_DATA_DIR>/reviews)")
    s.add_argument("--json", action="store_true", help="also print the review data as JSON")
    s.set_defaults(func=cmd_review)
