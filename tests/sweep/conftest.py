"""Helpers of the sweep tests: user tasks in a module that worker processes can import."""

import sys
import textwrap

import pytest

# Tasks a user would register: importable by module name (worker processes load them by it).
USER_TASKS = textwrap.dedent(
    '''
    import time


    def square(x: int, offset: float = 0.0) -> dict:
        """x^2 + offset; fails on x = 13, to check that one failed cell does not stop a sweep."""
        if x == 13:
            raise ValueError("unlucky x")
        return {"square": x * x + offset, "digits": [int(d) for d in str(x)]}


    def slow(x: int, pause: float = 0.4) -> dict:
        time.sleep(pause)
        return {"double": 2 * x}


    def clashing(x: int) -> dict:
        return {"x": x}
    '''
)


@pytest.fixture(scope="session")
def user_tasks(tmp_path_factory):
    """The module ``sweep_user_tasks`` on sys.path (inherited by spawned workers), registered once."""
    folder = tmp_path_factory.mktemp("user_tasks")
    (folder / "sweep_user_tasks.py").write_text(USER_TASKS, encoding="utf-8")
    sys.path.insert(0, str(folder))
    import sweep_user_tasks

    from plrep.sweep import register_task

    register_task(sweep_user_tasks.square, name="test-square", version="1")
    register_task(sweep_user_tasks.slow, name="test-slow", version="1")
    register_task(sweep_user_tasks.clashing, name="test-clashing", version="1")
    yield folder
    sys.path.remove(str(folder))
