"""An Input whose typing does not re-layout the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    """``Input`` grows its virtual width with every character, and the base reactive runs a layout of
    the whole screen each time (about 10 ms on the commune list). A search box has a fixed size on
    screen, so its virtual width can change without that layout pass.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
