"""generator/collector.py: fewer collections during a build, the thresholds put back after."""
import gc

import pytest

from generator import collector


@pytest.fixture(autouse=True)
def defaults():
    before = gc.get_threshold()
    yield
    collector.restore()
    gc.set_threshold(*before)


def test_relaxed_sets_the_build_thresholds_and_puts_back_the_callers():
    gc.set_threshold(700, 10, 10)
    with collector.relaxed():
        assert gc.get_threshold() == collector.BUILD_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_a_nested_block_leaves_the_outer_relax_in_place_and_an_error_still_restores():
    gc.set_threshold(600, 9, 9)
    collector.relax()  # as the MkDocs adapter does for the whole build
    with collector.relaxed():
        pass
    assert gc.get_threshold() == collector.BUILD_THRESHOLDS  # still the build's: the outer owner restores
    collector.restore()
    assert gc.get_threshold() == (600, 9, 9)
    with pytest.raises(RuntimeError):
        with collector.relaxed():
            raise RuntimeError("a failed build")
    assert gc.get_threshold() == (600, 9, 9)
