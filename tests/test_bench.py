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


def test_bench_and_serve_refuse_counts_below_one(capsys):
    import pytest

    from wismo.cli import build_parser

    parser = build_parser()
    for argv in (
        ["bench", "--workers", "0"],
        ["bench", "--clients", "-2"],
        ["bench", "--turns", "x"],
        ["serve", "--workers", "0"],
    ):
        with pytest.raises(SystemExit) as exit_:
            parser.parse_args(argv)
        assert exit_.value.code == 2
        err = capsys.readouterr().err
        assert "1 or more" in err or "is not a whole number" in err
    assert parser.parse_args(["bench", "--workers", "3"]).workers == 3
