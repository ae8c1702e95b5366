"""Russia and North Korea: the dataset behind the book.

>>> import russia_dprk as rd
>>> rd.tables()                    # every table, with title, unit and sources
>>> rd.load("unga_alignment")      # a typed DataFrame
"""

from .catalog import descriptor, load, resource, sources, tables
from .errors import DatasetError, TableError, UpstreamError
from .style import COLORS, NAMES, add_source, color, new_figure, setup_notebook, source_text, use_style
from .validation import Problem, validate

__all__ = [
    "COLORS", "NAMES", "DatasetError", "Problem", "TableError", "UpstreamError", "add_source", "color",
    "descriptor", "load", "new_figure", "resource", "setup_notebook", "source_text", "sources", "tables", "use_style",
    "validate",
]
