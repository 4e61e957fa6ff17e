"""Schemathesis against /api/v1/openapi.json: examples generated from the document for every
operation (valid ones and, from its negative mode, invalid ones); none gives a 5xx, and every
answer matches what the document says of it (status, content type, schema)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from tests.api.conftest import BEARER, TOKEN
from triggermap.web.app import create_app
from triggermap.web.settings import WebSettings

EXAMPLES = int(os.environ.get("TRIGGERMAP_API_EXAMPLES", "100"))
FOLDER = Path(tempfile.mkdtemp(prefix="triggermap-schemathesis-"))
APP = create_app(
    WebSettings(
        token=TOKEN, port=0, extra_hosts=("testserver",), db_url=f"sqlite:///{FOLDER}/api.db"
    )
)
# What the issue asks of every answer. (Not negative_data_rejection: the case format is lenient
# where the schema is strict, e.g. `null` for an empty list is read as empty, by design.)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.response_headers_conformance,
]
# Every phase for every operation, but the coverage phase (which walks every boundary of every
# property, unbounded by max_examples) not for the operations that take a whole case: the case
# format's hundreds of properties make it minutes long there; fuzzing covers those.
CASE_BODIES = r"^/(assess|plan|people/\{person\}/(assessments|plans))$"
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {"include-path-regex": CASE_BODIES, "phases": {"coverage": {"enabled": False}}}
        ]
    }
)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP, headers=BEARER, config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_every_answer_as_documented(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=BEARER, checks=CHECKS)
