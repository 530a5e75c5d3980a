"""ownerkit: a personal-brand site and personal thank-you letters from plain files.

The package is a library first: it imports neither click nor mkdocs. The
command line (:mod:`generator.cli`) and the MkDocs plugin
(:mod:`generator.mkdocs_plugin`) are thin adapters over it.
"""

__version__ = "0.1.0"
