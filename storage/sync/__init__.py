"""Sync by export: bundle files (format, validation), the leaf-set merge, export and import."""
