"""asskomm: the terminal app of the Allianz Sichere Sächsische Kommunen (Textual UI, German)."""

__version__ = "0.1.0"
