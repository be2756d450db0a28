"""One family of errors for everything a user can cause or fix.

`C2CError` is the base; the CLI prints any of them as one line (`c2c: ...`,
exit 2). Anything else that escapes is a bug and is reported as one.
Each subclass also derives from the builtin it used to be (ValueError,
RuntimeError), so callers that caught those keep working.

`index/` holds the family because `assistant/` builds on `index/`, never the
other way round; `assistant.errors` re-exports it.
"""
from __future__ import annotations


class C2CError(Exception):
    """A problem the user can understand and fix; the message says how."""


class CorpusError(C2CError, ValueError):
    """The source document (or a data file beside it) is not what the parser expects."""


class IndexProblem(C2CError, RuntimeError):
    """The index folder is missing, stale or damaged."""


class IndexMissing(IndexProblem):
    """No index has been built in the folder yet."""


class IndexStale(IndexProblem):
    """The index was built from another corpus, model or format."""


class IndexCorrupt(IndexProblem):
    """Files of the index are damaged or do not fit together."""


class ModelUnavailable(C2CError, RuntimeError):
    """An embedding model or engine cannot be loaded here (and nothing is downloaded)."""


class ConversionError(C2CError, RuntimeError):
    """Converting the bundled model into a sentence-transformers folder failed verification."""


class QuestionError(C2CError, ValueError):
    """A question, top-k or proposal number that cannot be answered as given."""


class FilterError(QuestionError):
    """An unknown filter name or value."""


class EvalFileError(C2CError, ValueError):
    """A judged question file that cannot be read."""


class UsageError(C2CError, ValueError):
    """A command-line combination that does not make sense (e.g. xlsx to the terminal)."""
