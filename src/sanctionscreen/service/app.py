"""The screening service: a yente-compatible match API and a shipment API (FastAPI).

``create_app(screener)`` returns an ASGI application:

- ``POST /match/{dataset}``: yente's match protocol (see :mod:`.yente`); ``dataset`` is a
  list's dataset name (``GET /lists``) or ``default`` for all of them;
- ``POST /screen``: one shipment or a list of them, the fields of the CSV layout; the
  response is ``ScreeningResult.to_json()``, byte for byte, or a JSON array of them;
- ``GET /healthz``, ``GET /readyz``, ``GET /lists``; the OpenAPI description at
  ``/openapi.json`` and its pages at ``/docs``.

Bad input is a 400 with ``{"detail": ..., "field": ..., "value": ...}``; bodies over
``max_body`` bytes are a 413, batches over ``max_batch`` a 400; never a 500 for input.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import math
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..batch.records import ColumnMap, shipment_from_row
from ..errors import SanctionScreenError, ValidationError
from ..lists.model import SanctionsList
from ..screener import Screener
from .openapi import ERRORS, MATCH_BODY, SCREEN_BODY
from .serving import Announcements, Serving
from .yente import NAME_PROPERTIES, dataset_name, entity_of, result_of

if TYPE_CHECKING:
    from ..review.store import ReviewStore

__all__ = ["MAX_BATCH", "MAX_BODY", "create_app"]

MAX_BATCH = 100
"""Queries or shipments in one request, at most (yente's own default)."""
MAX_BODY = 2 * 1024 * 1024
"""Bytes of a request body, at most."""
INLINE = 4
"""Requests of at most this many names (aliases too) or shipments are answered on the
event loop: a thread hop would cost more than matching them. Larger ones go to a thread
pool, so the loop goes on taking requests (and health checks) meanwhile."""
FOLLOW_EVERY = 0.5
"""Seconds between looks at the announcement file of a service's processes."""
_JSON = "application/json"


def create_app(
    screener: Screener,
    *,
    rebuild: Callable[[], Screener] | None = None,
    store: ReviewStore | None = None,
    max_batch: int = MAX_BATCH,
    max_body: int = MAX_BODY,
    announcements: Announcements | None = None,
    freeze: bool = False,
) -> FastAPI:
    """Return the service for ``screener`` (its lists, index and checks, built already).

    ``rebuild`` builds a screener on the lists as they are now, for ``POST
    /lists/reload``; ``store`` records every shipment ``/screen`` screens.
    ``announcements`` is what the processes of one service share: a reload in one is
    announced there and followed by the others. ``freeze`` puts each reloaded screener
    out of the garbage collector's reach (``gc.freeze``, process-wide: for a process
    that only serves).
    """
    serving = Serving(screener, rebuild, announcements=announcements, freeze=freeze)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        follower = None if announcements is None else asyncio.create_task(_follow(serving))
        yield
        if follower is not None:
            follower.cancel()

    # redirect_slashes off: "/screen/" is a 404 naming the path, not an empty 307.
    app = FastAPI(
        title="sanctionscreen", version=__version__, lifespan=lifespan, redirect_slashes=False
    )

    @app.exception_handler(RequestValidationError)
    async def _malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]  # a query parameter that is not of its type: limit=abc
        field = str(first["loc"][-1]) if first.get("loc") else "request"
        return _error(400, first.get("msg", "is not valid"), field, first.get("input"))

    @app.exception_handler(StarletteHTTPException)
    async def _unknown(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        field, value = ("method", request.method) if exc.status_code == 405 else ("path", None)
        value = request.url.path if value is None else value
        return _error(exc.status_code, str(exc.detail), field, value)

    @app.exception_handler(ValidationError)
    async def _invalid(_request: Request, exc: ValidationError) -> JSONResponse:
        status = 413 if isinstance(exc, _BodyTooLargeError) else 400
        return _error(status, exc.reason, exc.field, exc.value)

    _info_routes(app, serving)
    _screening_routes(app, serving, store, max_batch, max_body)
    app.openapi = functools.partial(_without_422, app.openapi)  # type: ignore[method-assign]
    return app


def _without_422(describe: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """FastAPI's description, less the 422 it lists for parameters: the service sends 400."""
    described = describe()  # cached by FastAPI: the first call edits the cached copy
    for methods in described.get("paths", {}).values():
        for operation in methods.values():
            operation.get("responses", {}).pop("422", None)
    return described


def _info_routes(app: FastAPI, serving: Serving) -> None:
    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Say the process is up."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> dict[str, Any]:
        """Say the lists and the index are loaded: matching answers at once."""
        return {"status": "ok", "names": len(serving.current.matcher)}

    @app.get("/lists")
    async def lists() -> dict[str, Any]:
        """Return the loaded lists: dataset name, version, publication date, entries, files."""
        current = serving.current
        described = [_described(dataset_name(item), item) for item in current.lists]
        return {"datasets": described, "reload": serving.last_reload}

    @app.post("/lists/reload")
    async def reload() -> dict[str, Any]:
        """Load and index the lists again beside the ones serving, then swap them in."""
        return await run_in_threadpool(serving.reload)


def _screening_routes(
    app: FastAPI, serving: Serving, store: ReviewStore | None, max_batch: int, max_body: int
) -> None:
    @app.post("/match/{dataset}", responses=ERRORS, openapi_extra=MATCH_BODY)
    async def match(
        dataset: str,
        request: Request,
        limit: int = 5,
        threshold: float | None = None,
        algorithm: str = "sanctionscreen",
        explain: bool = False,
    ) -> Response:
        """Match query examples against a list (yente's protocol)."""
        current = serving.current  # this request's lists, whatever a reload does meanwhile
        datasets = {dataset_name(item): item.name for item in current.lists}
        if dataset != "default" and dataset not in datasets:
            known = ", ".join(["default", *datasets])
            raise ValidationError("dataset", dataset, f"unknown; known: {known}")
        if not 1 <= limit <= 500:
            raise ValidationError("limit", limit, "must be from 1 to 500")
        if threshold is not None and not 0.0 <= threshold <= 1.0:  # NaN is refused too
            raise ValidationError("threshold", threshold, "must be from 0 to 1")
        queries = _queries(await _json_body(request, max_body), max_batch)
        wanted = None if dataset == "default" else datasets[dataset]
        floor = current.matcher.config.alert if threshold is None else threshold
        options = (limit, floor, explain)
        if _names_in(queries) <= INLINE:  # reading names is work too: counted before it
            responses = _match_all(current, queries, wanted, options)
        else:
            responses = await run_in_threadpool(_match_all, current, queries, wanted, options)
        matcher = {"name": current.matcher.algorithm, "algorithm": algorithm}
        return _json({"responses": responses, "matcher": matcher, "limit": limit})

    @app.post("/screen", responses=ERRORS, openapi_extra=SCREEN_BODY)
    async def screen(request: Request) -> Response:
        """Screen one shipment (an object) or several (an array) in the CSV layout's fields."""
        body = await _json_body(request, max_body)
        rows = body if isinstance(body, list) else [body]
        if len(rows) > max_batch:
            raise ValidationError("shipments", len(rows), f"at most {max_batch} in one request")
        if len(rows) <= INLINE and store is None:
            results = _screen_all(serving.current, rows, None)
        else:  # a store is written to: a thread, so the loop is not held waiting on it
            results = await run_in_threadpool(_screen_all, serving.current, rows, store)
        text = results[0] if isinstance(body, Mapping) else "[" + ",".join(results) + "]"
        return Response(text.encode("utf-8"), media_type=_JSON)


async def _follow(serving: Serving) -> None:
    """Reload when another process of the service announces it did."""
    while True:
        await asyncio.sleep(FOLLOW_EVERY)
        if serving.announced():
            await run_in_threadpool(serving.reload, cause="another worker")


def _screen_all(screener: Screener, rows: list[object], store: ReviewStore | None) -> list[str]:
    shipments = [_shipment(index, row) for index, row in enumerate(rows)]  # all read first
    results = [screener.screen(shipment) for shipment in shipments]
    if store is not None:
        for result in results:
            store.record(result, lists=screener.lists)
    return [result.to_json() for result in results]


def _described(name: str, item: SanctionsList) -> dict[str, Any]:
    return {
        "name": name,
        "title": item.name,
        "version": item.version,
        "published": item.published.isoformat() if item.published else None,
        "entries": len(item.entries),
        "files": [{"name": f.name, "sha256": f.sha256} for f in item.files],
    }


def _queries(body: object, max_batch: int) -> Mapping[str, Any]:
    queries = body.get("queries") if isinstance(body, Mapping) else None
    if not isinstance(queries, Mapping) or not queries:
        raise ValidationError("queries", queries, "must be an object of named examples")
    if len(queries) > max_batch:
        raise ValidationError("queries", len(queries), f"at most {max_batch} in one request")
    return queries


def _names_in(queries: Mapping[str, Any]) -> int:
    """Count the names the queries give, as they are sent (malformed ones as one)."""
    count = 0
    for example in queries.values():
        properties = example.get("properties") if isinstance(example, Mapping) else None
        if not isinstance(properties, Mapping):
            count += 1
            continue
        for name in NAME_PROPERTIES:
            given = properties.get(name)
            count += len(given) if isinstance(given, list) else given is not None
    return count


def _match_all(
    screener: Screener,
    queries: Mapping[str, Any],
    wanted: str | None,
    options: tuple[int, float, bool],
) -> dict[str, Any]:
    parsed = {key: entity_of(str(key), example) for key, example in queries.items()}
    limit, threshold, explain = options
    responses = {}
    names = {item.name: dataset_name(item) for item in screener.lists}
    for key, (entity, ignored) in parsed.items():
        found = [
            m
            for m in screener.match(entity, include_review=True)
            if wanted is None or m.list_name == wanted
        ]
        responses[key] = {
            "status": 200,
            "results": [
                result_of(m, names[m.list_name], threshold, explain=explain) for m in found[:limit]
            ],
            "total": {"value": len(found), "relation": "eq"},
            "query": queries[key],
            "ignored": ignored,
        }
    return responses


def _shipment(index: int, row: object) -> Any:
    if not isinstance(row, Mapping):
        raise ValidationError(f"shipments[{index}]", row, "must be an object of CSV fields")
    text = {str(k): "" if v is None else str(v) for k, v in row.items()}
    try:
        return shipment_from_row(text, ColumnMap())
    except ValidationError as exc:
        raise ValidationError(f"shipments[{index}].{exc.field}", exc.value, exc.reason) from None
    except SanctionScreenError as exc:
        raise ValidationError(f"shipments[{index}]", None, str(exc)) from None


class _BodyTooLargeError(ValidationError):
    """A body over the size cap: answered 413, not 400."""


async def _json_body(request: Request, max_body: int) -> Any:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > max_body):
        raise _BodyTooLargeError("body", declared, f"is over {max_body} bytes")
    raw = await request.body()  # a chunked body has no length to refuse it by beforehand
    if len(raw) > max_body:
        raise _BodyTooLargeError("body", len(raw), f"is over {max_body} bytes")
    try:
        body = json.loads(raw)
        if b"\\u" in raw:  # an escaped lone surrogate is valid JSON but not Unicode text
            json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeError, RecursionError) as exc:
        reason = "nests too deeply" if isinstance(exc, RecursionError) else str(exc)
        shown = raw[:80].decode("utf-8", "replace")
        raise ValidationError("body", shown, f"is not JSON of Unicode text ({reason})") from None
    return body


def _json(value: object) -> Response:
    return Response(json.dumps(value, ensure_ascii=False).encode("utf-8"), media_type=_JSON)


def _error(status: int, detail: str, field: str, value: object) -> JSONResponse:
    plain = isinstance(value, str | int | bool) or value is None
    finite = isinstance(value, float) and math.isfinite(value)  # JSON has no NaN
    shown = value if plain or finite else repr(value)
    return JSONResponse({"detail": detail, "field": field, "value": shown}, status_code=status)
