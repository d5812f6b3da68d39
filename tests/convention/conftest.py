"""Fixtures for the Convention engine's tests: no database, no project apps."""

from __future__ import annotations

import pytest
from convention_builders import make_state

from convention.states import RegulationExtent, StateRegistry


@pytest.fixture
def registry() -> StateRegistry:
    """XA requesting, XB requested: Contracting States since 2014, nothing declared.

    XC, XD: EU Member States (the Regulation between them); XE: Denmark-like.
    """
    return StateRegistry(
        [
            make_state("XA"),
            make_state("XB"),
            make_state("XC", regulation=RegulationExtent.FULL),
            make_state("XD", regulation=RegulationExtent.FULL),
            make_state(
                "XE",
                convention_from=None,
                regulation=RegulationExtent.WITHOUT_CENTRAL_AUTHORITIES,
            ),
        ]
    )
