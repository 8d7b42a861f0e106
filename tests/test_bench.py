"""`wismo bench` runs end to end on a small scale: in-process turns and a real server with clients.

The figures themselves are benchmark results (reported by `wismo bench`), not test assertions."""

from __future__ import annotations

from wismo.evals import bench


def test_bench_measures_turns_in_process_and_over_http(store_dir, monkeypatch):
    monkeypatch.setenv("WISMO_DATA_DIR", str(store_dir))
    result = bench.run_bench(turns=6, clients=2, workers=1, progress=lambda _msg: None)
    ip = result["in_process"]
    assert ip["n"] >= 6 and 0 < ip["p50"] <= ip["p99"]
    assert set(ip["node_p50_ms"]) >= {"screen", "understand", "authorize", "act", "compose", "check", "reply"}
    http = result["http"]
    assert http["errors"] == 0
    assert http["sequential"]["n"] == 6
    conc = http["concurrent"]
    assert conc["clients"] == 2 and conc["turns"] == 12 and conc["turns_per_second"] > 0
    assert http["server_rss_mb"]  # Linux: the server's resident memory is reported
    assert "turns/s" in bench.format_bench(result)
