"""newsledger: a sourced record of who said what, how sure, how many, when and what happened."""

__version__ = "0.1.0"

from newsledger import _imports

_imports.install()
