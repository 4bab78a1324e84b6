"""Python client of the OrleansEval evaluation store (standard library only; pandas optional for DataFrames)."""

from .client import Client
from .errors import OrleansEvalError, ProblemError, UnavailableError

__all__ = ["Client", "OrleansEvalError", "ProblemError", "UnavailableError"]
__version__ = "0.1.0"
