"""The CDS Hooks routes as a FastAPI `APIRouter`, with CORS for browser clients (the CDS Hooks
sandbox) and problem responses (RFC 9457) that name the field: 400 bad request, 401 untrusted
caller, 404 unknown service, 412 data unavailable, 413 too large. Never a 5xx for any input.

    GET  /cds-services                          discovery
    POST /cds-services/{id}                     the patient-view service
    POST /cds-services/{id}/feedback            feedback on its cards
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

import orjson
from fastapi import APIRouter, Request, Response

from triggermap.cds.auth import AuthError, Verifier
from triggermap.cds.cards import CardContext, assessment_cards, unreadable_card
from triggermap.cds.discovery import SERVICE_ID, discovery_document
from triggermap.cds.feedback import FeedbackLog, parse_feedback
from triggermap.cds.hook import parse_hook_call
from triggermap.cds.prefetch import DataUnavailable, PatientRecord, gather_record
from triggermap.errors import InputError
from triggermap.problem_json import problem_body

if TYPE_CHECKING:
    from triggermap.cds.settings import CdsSettings
    from triggermap.kb.loader import KnowledgeBase

PATHS = ("/cds-services", "/cds-services/{service_id}", "/cds-services/{service_id}/feedback")


class CdsService:
    """The service behind the routes: settings, knowledge, the JWT verifier, the feedback."""

    def __init__(
        self, settings: CdsSettings, kb: KnowledgeBase, today: Callable[[], date] = date.today
    ) -> None:
        self.settings = settings
        self.kb = kb
        self.today = today
        self.feedback_log = FeedbackLog()
        self.verifier = Verifier(
            issuers=settings.issuers,
            jwks_file=settings.jwks_file,
            jwks_url=settings.jwks_url,
            algorithms=settings.allowed_algorithms,
            leeway_seconds=settings.jwt_leeway_seconds,
        )
        # Plain Starlette routes: each reads its own request and writes its own answer, so
        # FastAPI's parameter solving and validation would be work for nothing on every call.
        self.router = APIRouter()
        self.router.add_route(PATHS[0], self.discovery, methods=["GET"])
        self.router.add_route(PATHS[1], self.call, methods=["POST"])
        self.router.add_route(PATHS[2], self.feedback, methods=["POST"])
        for path in PATHS:
            self.router.add_route(path, self.preflight, methods=["OPTIONS"])

    # ------------------------------------------------------------ routes

    async def discovery(self, request: Request) -> Response:
        return self._json(request, discovery_document())

    async def preflight(self, request: Request) -> Response:
        headers = self._cors(request)
        if headers:
            headers.update(
                {
                    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Authorization, Content-Type",
                    "Access-Control-Max-Age": "600",
                }
            )
            if request.headers.get("access-control-request-private-network") == "true":
                headers["Access-Control-Allow-Private-Network"] = "true"  # a page to localhost
        return Response(status_code=204, headers=headers)

    async def call(self, request: Request) -> Response:
        service_id: str = request.path_params["service_id"]
        try:
            data = await self._checked_body(request, service_id, f"/cds-services/{service_id}")
            call = parse_hook_call(data)
            record = await gather_record(call, self.settings.fetch_timeout_seconds)
        except _Refusal as refusal:
            return self._problem(request, refusal.status, refusal.message)
        except AuthError as exc:
            return self._problem(request, 401, exc.message)
        except DataUnavailable as exc:
            return self._problem(request, 412, exc.message)
        except InputError as exc:
            return self._problem(request, 400, exc.message)
        cards = self._cards(record, self._context(request))
        self.feedback_log.issue(cards)
        return self._json(request, {"cards": cards})

    async def feedback(self, request: Request) -> Response:
        service_id: str = request.path_params["service_id"]
        path = f"/cds-services/{service_id}/feedback"
        try:
            body = await self._checked_body(request, service_id, path)
            items = parse_feedback(body, now=datetime.combine(self.today(), time.max, UTC))
        except _Refusal as refusal:
            return self._problem(request, refusal.status, refusal.message)
        except AuthError as exc:
            return self._problem(request, 401, exc.message)
        except InputError as exc:
            return self._problem(request, 400, exc.message)
        self.feedback_log.record(items)
        return self._json(request, {})

    # ------------------------------------------------------------ steps

    async def _checked_body(self, request: Request, service_id: str, path: str) -> Any:
        from triggermap.strict_json import parse_json

        if service_id != SERVICE_ID:
            raise _Refusal(404, f"service: no CDS service {service_id[:60]!r} (see /cds-services)")
        if self.settings.requires_jwt:
            self.verifier.verify(request.headers.get("authorization"), self._base(request) + path)
        kind = request.headers.get("content-type", "application/json")
        kind = kind.split(";")[0].strip().lower()
        if kind not in ("application/json", "application/fhir+json"):
            raise _Refusal(415, f"content-type: {kind[:60]!r} is not application/json")
        declared = request.headers.get("content-length", "0")
        if not (declared.isascii() and declared.isdigit()):  # '²' is a digit to str.isdigit
            raise _Refusal(400, f"content-length: {declared[:20]!r} is not a number of bytes")
        if int(declared) > self.settings.max_body_bytes:
            raise _Refusal(413, f"request: larger than {self.settings.max_body_bytes} bytes")
        body = await request.body()
        if len(body) > self.settings.max_body_bytes:
            raise _Refusal(413, f"request: larger than {self.settings.max_body_bytes} bytes")
        return parse_json(body, "request")

    def _cards(self, record: PatientRecord, context: CardContext) -> list[dict[str, Any]]:
        from triggermap.fhir.records import case_from_records, recorded_conditions
        from triggermap.reasoning.engine import assess

        if not record.intake and not record.pain_ratings:
            return []  # nothing of triggermap's in this chart: no guidance
        try:
            read = case_from_records(
                self.kb,
                patient=record.patient,
                pain_ratings=record.pain_ratings,
                intake=record.intake,
                today=self.today(),
            )
        except InputError as exc:
            return [unreadable_card(exc.message, self.kb, context)]
        chart = recorded_conditions(self.kb, record.conditions)
        return assessment_cards(assess(read.case, self.kb), read, self.kb, context, chart)

    # ------------------------------------------------------------ responses

    def _base(self, request: Request) -> str:
        return self.settings.public_url or str(request.base_url).rstrip("/")

    def _context(self, request: Request) -> CardContext:
        base = self.settings.web_url or self._base(request)
        return CardContext(base_url=base, smart_launch_url=self.settings.smart_launch_url)

    def _cors(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        allowed = self.settings.cors_origins
        if origin and (origin in allowed or "*" in allowed):
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}

    def _json(self, request: Request, body: dict[str, Any]) -> Response:
        """Compact JSON by orjson (the standard library's encoder took several times as long
        for a call's cards)."""
        return Response(
            orjson.dumps(body), media_type="application/json", headers=self._cors(request)
        )

    def _problem(self, request: Request, status: int, detail: str) -> Response:
        return Response(
            problem_body(status, detail),
            status_code=status,
            headers=self._cors(request),
            media_type="application/problem+json",
        )


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def build_router(settings: CdsSettings, kb: KnowledgeBase | None = None) -> APIRouter:
    """The routes for an app to include (`app.include_router(build_router(settings))`)."""
    return build_service(settings, kb).router


def build_service(
    settings: CdsSettings, kb: KnowledgeBase | None = None, today: Callable[[], date] = date.today
) -> CdsService:
    if kb is None:
        from triggermap.kb.loader import load_knowledge

        kb = load_knowledge()
    return CdsService(settings, kb, today)
