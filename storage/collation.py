"""German order of names, as a German reader expects it (DIN 5007-1, the "dictionary" order).

Python sorts by code point: "Borna" before "Böhlen", "Hundekot" before "Häusliche Gewalt". DIN 5007-1
files ä under a, ö under o, ü under u and ß as ss, ignores case and accents (Budyšin under s), so
"Böhlen, Borna, Borsdorf, Brandis". Names equal in that view are ordered by their own text, so the
order never depends on where the rows came from.

The same folding makes the searches forgiving (``asskomm_tui.services.search``): one fold for both.
"""

from __future__ import annotations

import re
import unicodedata


# the combining diacritical marks (the blocks NFKD splits Latin, Greek and Cyrillic letters into);
# one regex pass instead of a loop per character: the search index folds whole visit notes
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    """The text without combining marks: ``Budyšin`` → ``Budysin``, ``Görlitz`` → ``Gorlitz``."""
    if text.isascii():  # nearly every name: skip the Unicode decomposition
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def fold(text: str) -> str:
    """Lower case without accents, ß as ss: ``Großschönau`` → ``grossschonau``."""
    return strip_accents(text.casefold())


# the German transliteration: who cannot type an umlaut writes ae, oe, ue, ss
TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def transliterate(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue and ß as ss, other accents dropped: ``Görlitz`` → ``goerlitz``."""
    return strip_accents(text.casefold().translate(TRANSLITERATE))


def search_key(*parts: str) -> str:
    """Everything a query may match, folded both ways (``gorlitz`` and ``goerlitz``), one per line."""
    text = " ".join(parts)
    return f"{fold(text)}\n{transliterate(text)}"


def sort_key(text: str) -> tuple[str, str]:
    """The key that sorts names in German order (DIN 5007-1): ``sorted(names, key=sort_key)``."""
    return fold(text), text
