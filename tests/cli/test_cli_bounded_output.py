"""Issue 25 items 4 and 13: specs sized before any work, and text output bounded and readable.

Each case once took minutes or gigabytes (item 4) or printed thousands of unreadable lines
(item 13). Peak memory of the in-process run is measured with tracemalloc.
"""

from __future__ import annotations

import math
import tracemalloc

import pytest

from plrep.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["group", "C200000000"], "got C200000000 with 100000001 instead"),
        (["group", "C1073741824"], "got C1073741824 with 536870913 instead"),
        (["group", "C2147483648", "--format", "json"], "got C2147483648 with 1073741825 instead"),
        (["group", "C4096xC4096"], "got C4096xC4096 with 8388610 instead"),
        (["decompose", "C4096xC4096", "--values=1"], "got C4096xC4096 with 8388610 instead"),
        (["graph", "C2xS10000:natural"], "elements, more than the 200000 that plrep lists"),
        (["characters", "C2xS10000"], "elements, more than the 200000 that plrep lists"),
    ],
)
def test_huge_specs_are_refused_at_once(capsys, argv, message):
    tracemalloc.start()
    try:
        status, out, err = run(capsys, *argv)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert status == 2 and out == ""
    assert err.startswith("plrep: error: `group`") and message in err and len(err.splitlines()) == 1
    assert peak < 64 * 2**20, f"{peak / 2**20:.0f} MiB allocated before the refusal"


def test_simple_counts_of_cyclic_products_match_the_listing():
    # The count used to refuse (no listing) against the listing itself, including even factors.
    import plrep
    from plrep.commands._text import count_simples

    for factors in [(1,), (2,), (7,), (8,), (2, 4), (3, 6), (2, 2, 2), (4, 6, 5)]:
        group = plrep.groups.CyclicProduct(factors)
        assert count_simples(group) == len(group.simples), factors


def test_group_with_a_gset_lists_the_simples_that_occur_in_sized_columns(capsys):
    status, out, _ = run(capsys, "group", "S30:natural^2")
    lines = out.splitlines()
    assert status == 0 and len(lines) <= 10, len(lines)
    assert lines[0].startswith("S30: order 30! (about 2.65e32), 5604 real simple representations")
    header = lines[2].split()
    assert header == ["id", "name", "dim", "image", "order", "type", "mult"]
    rows = {line.split()[1]: line.split() for line in lines[3:]}
    # Independent reference: X^2 = R^n (x) R^n of S_n is 2 trivial + 3 standard (n-1) +
    # S^(n-2,2) + S^(n-2,1,1) (dims n(n-3)/2 and (n-1)(n-2)/2).
    n = 30
    assert {name: (int(r[2]), r[3], int(r[5])) for name, r in rows.items()} == {
        "1a": (1, "1", 2),
        f"{n - 1}a": (n - 1, "30!", 3),
        f"{n * (n - 3) // 2}a": (n * (n - 3) // 2, "30!", 1),
        f"{(n - 1) * (n - 2) // 2}a": ((n - 1) * (n - 2) // 2, "30!", 1),
    }
    assert str(math.factorial(30)) not in out


def test_group_text_is_cut_at_max_lines_and_says_so(capsys):
    status, out, _ = run(capsys, "group", "C1000")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 1 + 1 + 60 + 1
    assert lines[-1] == "... 441 more simples (raise --max-lines, or --format json for all)"
    status, out, _ = run(capsys, "group", "C1000", "--max-lines", "501")
    assert status == 0 and out.splitlines()[-1].split()[:2] == ["500", "L500"]


def test_characters_of_s20_are_bounded_with_separated_cycle_types(capsys):
    status, out, _ = run(capsys, "characters", "S20")
    lines = out.splitlines()
    assert status == 0 and len(out) < 20_000 and len(lines) <= 70, (len(out), len(lines))
    assert lines[3].split()[:3] == ["cycle", "type", "1^20"]
    assert lines[-3] == "... 615 more classes (raise --max-columns, or --format json for all)"
    assert lines[-2] == "... 567 more characters (raise --max-lines, or --format json for all)"
    status, out, _ = run(capsys, "characters", "S20", "--max-columns", "1000", "--max-lines", "1")
    cycle_types = out.splitlines()[3].split()[2:]
    assert len(cycle_types) == 627 and {"18.1^2", "2.1^18", "20", "10^2"} <= set(cycle_types)
    assert "1811" not in cycle_types and all(
        c.replace(".", "").replace("^", "").isdigit() for c in cycle_types
    )
    # Rows are named by partition and real simple: the first two are trivial and sign.
    status, out, _ = run(capsys, "characters", "S20")
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[4:-3]}
    assert rows["20"] == "(1a," and rows["1^20"] == "(1b," and rows["19.1"] == "(19a,"


def test_character_rows_name_their_real_simple_even_out_of_dimension_order(capsys):
    # C4's rows are chi0 (trivial), chi1 = i^x, chi2 = (-1)^x, chi3 = (-i)^x; the real simples
    # are numbered by real dimension (1a, 1b, 2a), so row 2 is 1b, rows 1 and 3 share 2a.
    status, out, _ = run(capsys, "characters", "C4")
    rows = {line.split()[0]: line.split()[1].strip("(,") for line in out.splitlines()[3:7]}
    assert status == 0
    values = {line.split()[0]: line.split()[4:] for line in out.splitlines()[3:7]}
    trivial = [name for name, cells in values.items() if cells == ["1", "1", "1"]]
    sign = [name for name, cells in values.items() if cells == ["-1", "1", "-1"]]
    complex_rows = [name for name, cells in values.items() if cells[0] in ("1i", "-1i")]
    assert rows[trivial[0]] == "1a" and rows[sign[0]] == "1b"
    assert len(complex_rows) == 2 and {rows[name] for name in complex_rows} == {"2a"}


def test_character_round_off_prints_as_zero_in_text_and_json(capsys):
    import json

    status, out, _ = run(capsys, "characters", "S4", "--format", "json")
    assert status == 0
    imaginary = [v[1] for row in json.loads(out)["characters"] for v in row]
    assert imaginary == [0.0] * 25  # S_n characters are integers; 1.2e-16i was printed before
    status, out, _ = run(capsys, "characters", "C4")
    assert "e-1" not in out and "0+1i" not in out


def test_inspect_of_a_network_is_bounded_and_short_lined(capsys, tmp_path):
    # A C59 network (30 simples, 2 layers): 315 lines once, one of them 7,317 characters
    # (the 871 edges of the empirical graph on one line).
    import jax

    from plrep.nn import NetworkSpec, init, save

    path = tmp_path / "net.npz"
    save(str(path), init(jax.random.key(0), NetworkSpec("C59", (1, 16, 16), "relu", readout=3)))
    status, out, _ = run(capsys, "inspect", str(path))
    lines = out.splitlines()
    widest = max(map(len, lines[1:]))  # the first line names the file, whose path is long here
    assert status == 0 and len(lines) <= 130 and widest <= 100, (len(lines), widest)
    graph = lines.index(next(line for line in lines if line.startswith("empirical interaction graph:")))
    edges = int(lines[graph].split(":")[1].split()[0])
    assert edges > 100 and lines[graph + 2].endswith("(30 in all)")
    flow_rows = [line for line in lines if line.startswith("  input ")]
    assert len(flow_rows) == 60  # 30 inputs x 2 layers, one line each
    assert "... 60 more (input, layer) rows" not in out
    status, out, _ = run(capsys, "inspect", str(path), "--max-lines", "5")
    assert status == 0 and "  ... 55 more (input, layer) rows (raise --max-lines" in out


def test_long_text_goes_to_stdout_in_pieces(monkeypatch):
    # One write of more than 2 GiB to a redirected stdout is cut at 0x7ffff000 bytes without an
    # error (seen with `plrep graph D65536 --max-lines 0`, 2.4 GB), so print_text writes pieces.
    import io

    from plrep.commands import _common

    sizes = []

    class Recorder(io.StringIO):
        def write(self, text):
            sizes.append(len(text))
            return super().write(text)

    out = Recorder()
    monkeypatch.setattr(_common, "PRINT_CHUNK", 7)
    monkeypatch.setattr("sys.stdout", out)
    text = "".join(f"line {i}\n" for i in range(20)).rstrip("\n")
    _common.print_text(text)
    assert out.getvalue() == text + "\n"
    assert max(sizes) <= 7 and len(sizes) == -(-len(text) // 7) + 1
