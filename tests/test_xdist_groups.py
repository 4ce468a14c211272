"""`make test` runs ``pytest -n 2`` with ``--dist=loadgroup`` (pyproject): the tests marked with one
``xdist_group`` go to one worker, so a study's module-scoped ``--quick`` run (tests/analysis/
test_dws_digits.py, test_dws_sines.py: a minute of CPU each) runs once, not once per worker.

pytest-xdist tags a grouped test by appending ``@group`` to its node id in the worker. With
pytest 9.2 that tag silently stopped taking effect (the node id comes from another field), the
groups were split over both workers and each ran the studies again; pyproject keeps pytest below
9.2. This test fails if the tag is lost again.
"""

import os

import pytest


@pytest.mark.xdist_group("grouping_check")
def test_a_grouped_test_carries_its_group_under_loadgroup(request):
    if os.environ.get("PYTEST_XDIST_WORKER") is None or not request.config.getvalue("loadgroup"):
        pytest.skip("checks pytest-xdist's --dist=loadgroup; run with -n 2 as `make test` does")
    assert request.node.nodeid.endswith("@grouping_check"), request.node.nodeid
