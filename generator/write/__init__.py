"""The only code that touches output paths: atomic writes, the letters folder, YAML edits, new kits."""
