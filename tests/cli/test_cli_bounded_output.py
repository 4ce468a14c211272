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
