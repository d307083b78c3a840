"""Charts in the terminal, readable in monochrome and at 80 columns: horizontal bars, a monthly
sparkline, a budget gauge and a tile map of the 13 Kreise. Each is a Rich ``Text`` built from plain
strings (labels are user text: never markup); shading uses ░▒▓█ so that it reads without colour,
and every bar and tile also prints its number.
"""

from __future__ import annotations

from typing import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text

SPARKS = "▁▂▃▄▅▆▇█"
SHADES = " ░▒▓█"


def fit(text: str, width: int) -> str:
    """``text`` cut with … or padded to ``width`` cells."""
    if cell_len(text) > width:
        return set_cell_size(text, max(0, width - 1)) + "…"
    return text + " " * (width - cell_len(text))


def bars(labels: Sequence[str], values: Sequence[float], texts: Sequence[str], width: int = 76) -> Text:
    """One line per label: the label, a bar as long as its share of the largest value, the number."""
    out = Text(no_wrap=True, overflow="ellipsis")
    if not labels:
        return out
    label_w = min(28, max(cell_len(label) for label in labels))
    text_w = max(cell_len(t) for t in texts)
    bar_w = max(5, width - label_w - text_w - 3)
    top = max(values, default=0)
    for i, (label, value, number) in enumerate(zip(labels, values, texts)):
        length = round(bar_w * value / top) if top > 0 else 0
        if value > 0 and length == 0:
            length = 1  # something is never drawn as nothing
        if i:
            out.append("\n")
        out.append(fit(label, label_w) + " ")
        out.append("█" * length, style="bold")
        out.append(" " * (bar_w - length) + " " + number.rjust(text_w))
    return out


def sparkline(values: Sequence[float]) -> str:
    """One character per value, ▁ (0) to █ (the largest)."""
    top = max(values, default=0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, round((len(SPARKS) - 1) * v / top))] for v in values)


def gauge(value: float, total: float, width: int = 40) -> str:
    """``[█████░░░░░░░░░░]``: how much of ``total`` is used (over 100 %: the bar is full and says ``!``)."""
    share = value / total if total > 0 else 0.0
    filled = min(width, round(width * share))
    return "[" + "█" * filled + "░" * (width - filled) + "]" + ("!" if share > 1 else "")


def shade(value: float, top: float) -> str:
    """A shading character for a cell's share of the largest value (blank for 0)."""
    if top <= 0 or value <= 0:
        return " "
    return SHADES[max(1, min(len(SHADES) - 1, round((len(SHADES) - 1) * value / top)))]


def tile_map(tiles: Sequence[tuple[int, int, str, float, str]], tile_width: int = 15) -> Text:
    """Tiles (column, row, label, value, number) on a grid: each tile two lines (its name, then its
    shading and number), shaded by its share of the largest value."""
    if not tiles:
        return Text()
    cols = max(c for c, *_ in tiles) + 1
    rows = max(r for _, r, *_ in tiles) + 1
    top = max(v for *_, v, _ in tiles)
    at = {(c, r): (label, value, number) for c, r, label, value, number in tiles}
    out = Text(no_wrap=True)
    inner = tile_width - 1
    for r in range(rows):
        for line in (0, 1):
            if r or line:
                out.append("\n")
            for c in range(cols):
                tile = at.get((c, r))
                if tile is None:
                    out.append(" " * tile_width)
                    continue
                label, value, number = tile
                if line == 0:
                    out.append(fit(label, inner) + " ")
                else:
                    mark = shade(value, top)
                    body = fit(number, inner - 3)
                    out.append(mark * 2 + " " + body + " ", style="reverse" if value >= top > 0 else "")
    return out
