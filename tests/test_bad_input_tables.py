"""The BAD_INPUT tables share one runner, the ``refuses`` fixture of tests/conftest.py (issue 25).

Eight copies of the same five-line runner had grown in tests/*/test_bad_input.py; a change
to what a refusal must satisfy now has one place to go.
"""

from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_every_bad_input_table_uses_the_shared_runner():
    tables = sorted(TESTS.glob("*/test_bad_input.py"))
    assert len(tables) >= 8
    for path in tables:
        text = path.read_text()
        assert "refuses(*" in text, path
        assert "with pytest.raises(error) as info:" not in text, f"{path} copies the runner"
