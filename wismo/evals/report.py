"""The eval report: report.md and report.html with charts, for people who tune the bot.

Charts are PNGs written beside the reports (matplotlib's Agg backend: no display needed); the HTML
embeds them too, so it can be mailed as one file.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path
from typing import Any

CHARTS = {
    "intent_accuracy.png": "Intent accuracy by expected intent",
    "latency.png": "Latency per turn",
    "handoff_reasons.png": "Handoff reasons",
    "category_success.png": "Task success by category",
}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def write_charts(m: dict[str, Any], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths: list[Path] = []

    def barh(name: str, labels: list[str], values: list[float], xlabel: str, limit: float | None = None) -> None:
        fig, ax = plt.subplots(figsize=(7, max(2.0, 0.38 * len(labels) + 1)))
        ax.barh(labels or ["(none)"], values or [0], color="#3b6ea8")
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        if limit:
            ax.set_xlim(0, limit)
        ax.set_title(CHARTS[name])
        fig.tight_layout()
        fig.savefig(out / name, dpi=110)
        plt.close(fig)
        paths.append(out / name)

    by_intent = m.get("intent_accuracy_by_intent", {})
    barh(
        "intent_accuracy.png",
        [f"{k} (n={v['n']})" for k, v in by_intent.items()],
        [100 * (v["accuracy"] or 0) for v in by_intent.values()],
        "accuracy (%)",
        100,
    )
    cats = m.get("success_by_category", {})
    barh(
        "category_success.png",
        [f"{k} (n={v['n']})" for k, v in cats.items()],
        [100 * (v["success"] or 0) for v in cats.values()],
        "task success (%)",
        100,
    )
    reasons = m.get("handoff_reasons", {})
    barh("handoff_reasons.png", list(reasons), [float(v) for v in reasons.values()], "handoffs")

    fig, ax = plt.subplots(figsize=(7, 3.2))
    lat = m.get("latencies_ms") or [0.0]
    ax.hist(lat, bins=30, color="#3b6ea8")
    for key, style in (("p50", "--"), ("p95", ":")):
        ax.axvline(m["latency_ms"][key], color="#b33", linestyle=style, label=f"{key} {m['latency_ms'][key]} ms")
    ax.set_xlabel("ms")
    ax.set_ylabel("turns")
    ax.set_title(CHARTS["latency.png"])
    ax.legend()
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)
    plt.close(fig)
    paths.append(out / "latency.png")
    return paths


def _headline(m: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        ("Scenarios", f"{m['scenarios']} ({m['turns']} turns)"),
        ("Task success", f"{_pct(m['task_success'])} ({m['passed']}/{m['scenarios']})"),
        ("Deflection rate", f"{_pct(m['deflection_rate'])} of {m['resolvable']} resolvable"),
        ("False answers", f"{m['false_answers']} ({_pct(m['false_answer_rate'])} of turns)"),
        ("PII leaks", f"{m['pii_leaks']} ({_pct(m['pii_leak_rate'])} of scenarios)"),
        ("Intent accuracy", _pct(m["intent_accuracy"])),
        ("Handoff precision / recall", f"{_pct(m['handoff']['precision'])} / {_pct(m['handoff']['recall'])}"),
        ("Latency p50 / p95", f"{m['latency_ms']['p50']} ms / {m['latency_ms']['p95']} ms"),
    ]


def _external_lines(external: dict[str, Any]) -> list[str]:
    lines = []
    for name, result in external.items():
        if isinstance(result, dict) and "skipped" in result:
            lines.append(f"- **{name}**: skipped: {result['skipped']}")
        else:
            lines.append(f"- **{name}**:\n\n```json\n{json.dumps(_brief(result), indent=1, default=str)}\n```")
    return lines


def _brief(result: Any) -> Any:
    """Drop long example lists from an external result so the report stays readable."""
    if isinstance(result, dict):
        return {
            k: _brief(v)
            for k, v in result.items()
            if k not in ("misses", "leak_examples", "lost", "confusions", "examples")
        }
    return result


def markdown(m: dict[str, Any], external: dict[str, Any] | None = None) -> str:
    lines = ["# wismo eval report", "", "| metric | value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in _headline(m)]
    lines += ["", "## Handoffs by reason", ""]
    lines += ["| reason | precision | recall | expected | actual |", "| --- | --- | --- | --- | --- |"]
    for reason, v in m["handoff"]["per_reason"].items():
        lines.append(f"| {reason} | {_pct(v['precision'])} | {_pct(v['recall'])} | {v['expected']} | {v['actual']} |")
    lines += ["", "## Gates and goals", ""]
    lines += [f"- CI gate {k}: {'ok' if v else 'FAIL'}" for k, v in m["gates"].items()]
    lines += [f"- goal {k}: {'ok' if v else 'missed'}" for k, v in m["goals"].items()]
    lines += ["", "## Charts", ""] + [f"![{title}]({name})" for name, title in CHARTS.items()]
    if external:
        lines += ["", "## External datasets", ""] + _external_lines(external)
    lines += ["", f"## Failures ({len(m['failures'])} turns)", ""]
    for f in m["failures"]:
        if f.get("error"):
            lines.append(f"- `{f['scenario']}`: could not run: {f['error']}")
            continue
        lines.append(f"- `{f['scenario']}` turn {f['turn']}: said {f['said']!r}")
        for e in f["expected"]:
            lines.append(f"  - {e}")
        lines.append(f"  - bot ({f['intent']}, handoff {f['handoff'] or 'none'}): {f['reply']!r}")
    return "\n".join(lines) + "\n"


def html_report(m: dict[str, Any], out: Path, external: dict[str, Any] | None = None) -> str:
    e = html.escape
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _headline(m))
    per = "".join(
        f"<tr><td>{e(r)}</td><td>{_pct(v['precision'])}</td><td>{_pct(v['recall'])}</td>"
        f"<td>{v['expected']}</td><td>{v['actual']}</td></tr>"
        for r, v in m["handoff"]["per_reason"].items()
    )
    gates = "".join(
        f"<li class='{'ok' if v else 'bad'}'>CI gate {e(k)}: {'ok' if v else 'FAIL'}</li>"
        for k, v in m["gates"].items()
    ) + "".join(
        f"<li class='{'ok' if v else 'bad'}'>goal {e(k)}: {'ok' if v else 'missed'}</li>" for k, v in m["goals"].items()
    )
    charts = ""
    for name, title in CHARTS.items():
        p = out / name
        if p.exists():
            data = base64.b64encode(p.read_bytes()).decode()
            charts += (
                f"<figure><img alt='{e(title)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{e(title)}</figcaption></figure>"
            )
    fails = ""
    for f in m["failures"]:
        if f.get("error"):
            fails += f"<li><code>{e(f['scenario'])}</code>: could not run: {e(f['error'])}</li>"
            continue
        items = "".join(f"<li>{e(x)}</li>" for x in f["expected"])
        fails += (
            f"<li><code>{e(f['scenario'])}</code> turn {f['turn']}: <q>{e(f['said'])}</q><ul>{items}"
            f"<li>bot ({e(str(f['intent']))}, handoff {e(f['handoff'] or 'none')}): "
            f"<q>{e(f['reply'])}</q></li></ul></li>"
        )
    ext = ""
    if external:
        for name, result in external.items():
            if isinstance(result, dict) and "skipped" in result:
                ext += f"<h3>{e(name)}</h3><p>skipped: {e(str(result['skipped']))}</p>"
            else:
                ext += f"<h3>{e(name)}</h3><pre>{e(json.dumps(_brief(result), indent=1, default=str))}</pre>"
        ext = "<h2>External datasets</h2>" + ext
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wismo eval report</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}}
.ok{{color:#176117}}.bad{{color:#a11}}figure{{display:inline-block;margin:.5rem}}img{{max-width:460px}}
q{{color:#444}}pre{{background:#f5f5f5;padding:.5rem;overflow:auto}}
</style></head><body>
<h1>wismo eval report</h1>
<table>{rows}</table>
<h2>Handoffs by reason</h2>
<table><tr><th>reason</th><th>precision</th><th>recall</th><th>expected</th><th>actual</th></tr>{per}</table>
<h2>Gates and goals</h2><ul>{gates}</ul>
<h2>Charts</h2>{charts}
{ext}
<h2>Failures ({len(m["failures"])} turns)</h2><ul>{fails}</ul>
</body></html>
"""


def write_report(m: dict[str, Any], out_dir: str | Path, external: dict[str, Any] | None = None) -> dict[str, Path]:
    """Write report.md, report.html and the chart PNGs into `out_dir`; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    charts = write_charts(m, out)
    md = out / "report.md"
    md.write_text(markdown(m, external), "utf-8")
    page = out / "report.html"
    page.write_text(html_report(m, out, external), "utf-8")
    return {"markdown": md, "html": page, **{p.stem: p for p in charts}}
