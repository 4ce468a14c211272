"""``plrep repro --case-studies``: the analysis/ case studies in the gallery (paper_repro.case_studies).

Kept apart from ``repro.py`` so the option lives in one place; the case studies themselves (which
scripts, how their key numbers become captions) are defined next to the figures, in paper_repro.
"""

from __future__ import annotations

import argparse


def add_case_study_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--case-studies",
        action="store_true",
        help="also run the case studies of analysis/ (they train small models: minutes; "
        "with --quick, their toy sizes) and show them in the gallery",
    )


def case_study_names() -> list[str]:
    """Names ``--only`` accepts for the case studies, e.g. case_digits_cnn."""
    from paper_repro.case_studies import CASE_STUDIES

    return [study.name for study in CASE_STUDIES]
