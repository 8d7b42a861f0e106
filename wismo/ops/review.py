"""`wismo review --since 1d`: the daily ops review as Markdown and HTML, charts as PNG.

What it answers: what did the bot fail to understand (top clusters), which answers did agents flag,
why were parcels late (delay and exception scans), why did cases go to people; and for each, what
to do about it. Matplotlib runs on the Agg backend, so no display is needed. Its words are in
review.en.yaml (the review is for ops, in English); the HTML is a Jinja2 template
(wismo/web/templates/review), one template per section of SECTIONS, autoescaped, so what customers
and carriers wrote shows as plain text.
"""

from __future__ import annotations

import argparse
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
from ..i18n.catalog import load, word
from ..web import views
from . import clusters as clustering
from . import metrics as metrics_mod
from .feedback import flags as list_flags
from .unresolved import recent

TOP = 5

#: The review's language: it is read by the ops team.
LANGUAGE = "en"
#: The HTML's sections, in order: each is wismo/web/templates/review/<name>.html, given the review.
SECTIONS = ("summary", "clusters", "flags", "delays", "windows", "handoffs")

#: Words of a carrier's delay scan -> what to do (review.advice.delay.<key>).
DELAY_ADVICE = [
    (r"weather", "weather"),
    (r"volume|capacity|holiday", "volume"),
    (r"address", "address"),
    (r"damaged", "damaged"),
    (r"label", "label"),
    (r"connection|reschedul|road|closure", "transient"),
]


def say(key: str, **fields: Any) -> str:
    """One of the review's words (review.en.yaml)."""
    return word(key, LANGUAGE, **fields)


def _handoff_advice(reason: str) -> str:
    key = f"review.advice.handoff.{reason}"
    return say(key if key in load(LANGUAGE)["words"] else "review.advice.handoff.other")


def _advice_for_delay(cause: str) -> str:
    for pattern, key in DELAY_ADVICE:
        if re.search(pattern, cause, re.I):
            return say(f"review.advice.delay.{key}")
    return say("review.advice.delay.other")


def _cluster_advice(c: dict[str, Any]) -> str:
    guess, _ = next(iter(c["intent_guesses"].items()))
    if guess == "out_of_scope":
        return say("review.advice.cluster.out_of_scope")
    return say("review.advice.cluster.intent", intent=f"`{guess}`")


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
            {"reason": r, "count": n, "advice": _handoff_advice(r)} for r, n in m["handoffs_by_reason"].items()
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
        ax.bar(days, [d["conversations"] for d in series], color="#9db4d3", label=say("review.chart.conversations"))
        ax.bar(days, [d["handoffs"] for d in series], color="#d9822b", label=say("review.chart.handoffs"))
        ax.set_title(say("review.chart.daily"))
        ax.legend(loc="upper left", fontsize=8)
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        save(fig, "daily")
    for name, items, key, title in (
        ("handoffs", review["handoffs"], "reason", say("review.handoffs.heading")),
        ("clusters", review["clusters"], "label", say("review.clusters.heading")),
        ("delays", review["delays"], "cause", say("review.delays.chart")),
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
    return say("review.na") if v is None else f"{100 * v:.1f}%"


def quoted(text: Any, limit: int = 140) -> str:
    """Text we did not write (a customer's, a carrier's) as a Markdown code span on one line: every
    Markdown viewer shows it as plain text, so a `![](https://...)` stays words."""
    flat = views.one_line(text, limit)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{ticks}{pad}{flat}{pad}{ticks}"


def markdown(review: dict[str, Any], images: dict[str, str]) -> str:
    m = review["metrics"]
    rate = m["contact_rate_per_100_orders"]
    lines = [
        f"# {say('review.title', since=review['since'][:16], until=review['until'][:16])}",
        "",
        "- " + say("review.conversations", count=f"**{m['conversations']}**", deflected=_pct(m["deflection_rate"]),
                   handed_off=_pct(m["handoff_rate"])),
        "- " + say("review.contact_rate", rate=rate if rate is not None else say("review.na")),
        "- " + say("review.csat", score=_pct(m["csat"]["score"]), responses=m["csat"]["responses"]),
        "- " + say("review.unresolved", unresolved=review["unresolved_total"], flagged=len(review["flags"])),
        "",
    ]  # fmt: skip
    do = lambda advice: f"  - {say('review.do', advice=advice)}"  # noqa: E731
    if "daily" in images:
        lines += [f"![{say('review.chart.daily')}]({images['daily']})", ""]
    lines += [f"## {say('review.clusters.heading')}", ""]
    if not review["clusters"]:
        lines += [say("review.clusters.none"), ""]
    for c in review["clusters"]:
        examples = "; ".join(quoted(e["text"]) for e in c["examples"][:3])
        lines += [
            f"- **{c['count']}x** `{c['cluster_id']}` {quoted(c['label'], 80)}: {say('review.example')} {examples}",
            do(c["advice"]),
        ]
    if "clusters" in images:
        lines += ["", f"![{say('review.clusters.heading')}]({images['clusters']})"]
    lines += ["", f"## {say('review.flags.heading')}", ""]
    if not review["flags"]:
        lines += [say("review.flags.none"), ""]
    for f in review["flags"][:10]:
        intent = f["intent"] or say("review.flags.no_intent")
        lines += [
            f"- {say('review.flags.message', id=f['message_id'])} ({intent}): {quoted(f['text'])}; "
            f"{say('review.note')}: {quoted(f['note'] or '-')}",
            do(say("review.flags.advice")),
        ]
    lines += ["", f"## {say('review.delays.heading')}", ""]
    if not review["delays"]:
        lines += [say("review.delays.none"), ""]
    for d in review["delays"]:
        carriers = ", ".join(f"{k} {v}" for k, v in d["carriers"].items())
        lines += [f"- **{d['count']}x** {quoted(d['cause'])} ({d['status']}; {carriers})", do(d["advice"])]
    if "delays" in images:
        lines += ["", f"![{say('review.delays.chart')}]({images['delays']})"]
    lines += ["", f"## {say('review.windows.heading')}", ""] + _window_lines(m.get("eta_accuracy"))
    lines += ["", f"## {say('review.handoffs.heading')}", ""]
    if not review["handoffs"]:
        lines += [say("review.handoffs.none"), ""]
    for h in review["handoffs"]:
        lines += [f"- **{h['count']}x** {h['reason']}", do(h["advice"])]
    if "handoffs" in images:
        lines += ["", f"![{say('review.handoffs.heading')}]({images['handoffs']})"]
    return "\n".join(lines).rstrip() + "\n"


def window_figures(x: dict[str, Any]) -> str:
    """One line of delivery-window accuracy (eta_accuracy, overall or for one carrier or week)."""
    return say(
        "review.windows.figures",
        inside=_pct(x["inside_window"]),
        delivered=x["delivered"],
        mae=x["mae_days"],
        width=x["mean_width_days"],
    )


def drift_warning(eta: dict[str, Any]) -> str | None:
    """The drift warning's words, when eta_accuracy raised it."""
    drift = eta.get("drift") or {}
    if not drift.get("warning"):
        return None
    return say(
        "review.windows.drift",
        share=_pct(drift["inside_window"]),
        days=drift["days"],
        threshold=_pct(drift["threshold"]),
    )


def _window_lines(eta: dict[str, Any] | None) -> list[str]:
    """Windows told against deliveries: overall, the drift warning, per carrier and per week."""
    if not eta:
        return [say("review.windows.none")]
    lines = [f"- {say('review.windows.all')}: {window_figures(eta)}"]
    warning = drift_warning(eta)
    if warning:
        lines += [f"- **{warning}**"]
    lines += [f"- {carrier.upper()}: {window_figures(x)}" for carrier, x in eta.get("by_carrier", {}).items()]
    lines += [f"- {say('review.windows.week', week=w)}: {window_figures(x)}" for w, x in eta.get("by_week", {}).items()]
    return lines


def to_html(review: dict[str, Any], images: dict[str, str], title: str) -> str:
    """The review as one HTML page (wismo/web/templates/review/review.html and its SECTIONS)."""
    return views.render(
        "review/review.html",
        LANGUAGE,
        title=title,
        review=review,
        images=images,
        sections=SECTIONS,
        pct=_pct,
        window_figures=window_figures,
        drift_warning=drift_warning,
    )


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
    title = say("review.file_title", date=until.date().isoformat())
    html_path.write_text(to_html(review, images, title), encoding="utf-8")
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
