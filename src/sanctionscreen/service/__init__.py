"""The screening service for systems that are not Python (the ``server`` extra).

``sanctionscreen serve`` runs :func:`create_app` under uvicorn: yente's match protocol
at ``POST /match/{dataset}``, shipments at ``POST /screen``, and ``/healthz``,
``/readyz`` and ``/lists``. Needs FastAPI and uvicorn: ``pip install
'sanctionscreen[server]'``; they are imported when a name here is first used, so the
command line works without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import MAX_BATCH, MAX_BODY, create_app

__all__ = ["MAX_BATCH", "MAX_BODY", "create_app"]


def __getattr__(name: str) -> Any:
    """Import the application module when one of its names is first used."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module(".app", __name__)
    except ModuleNotFoundError as exc:
        raise ImportError(
            f"the service needs {exc.name}: pip install 'sanctionscreen[server]'"
        ) from exc
    value = getattr(module, name)
    globals()[name] = value
    return value
