"""The error family (defined in `index.errors`, where the lower layer can raise it)."""
from index.errors import (C2CError, ConversionError, CorpusError, EvalFileError, FilterError, IndexCorrupt,
                          IndexMissing, IndexProblem, IndexStale, ModelUnavailable, QuestionError, UsageError)

__all__ = ["C2CError", "ConversionError", "CorpusError", "EvalFileError", "FilterError", "IndexCorrupt",
           "IndexMissing", "IndexProblem", "IndexStale", "ModelUnavailable", "QuestionError", "UsageError"]
