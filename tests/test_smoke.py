"""A first end-to-end pass over the one-peer commands."""

import json


def test_add_rate_log_show_json(cli, data_file):
    assert cli("add", "Grace Example", "--team", "Compilers", "--matters", "current-work")\
        .exit_code == 0
    assert cli("rate", "grace", "weak").exit_code == 0
    assert cli("log", "gr", "Sent the write-up", "--kind", "shared").exit_code == 0
    out = json.loads(cli("list", "--format", "json").stdout)
    assert out[0]["name"] == "Grace Example"
    assert out[0]["tie"] == "weak"
    assert out[0]["last_contact"] == "2026-11-22"
    assert "tie = \"weak\"" in data_file.read_text()


def test_unknown_peer_is_one_line_error_and_file_untouched(cli, data_file):
    cli("add", "Grace Example")
    before = data_file.read_bytes()
    r = cli("rate", "grase", "weak")
    assert r.exit_code == 1
    assert r.stderr.strip().startswith("peermap: no peer called 'grase'")
    assert "Grace Example" in r.stderr
    assert data_file.read_bytes() == before
