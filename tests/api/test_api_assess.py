"""POST /api/v1/assess and /plan: the CLI's exact JSON, and bad input as a problem naming the
field, never a 5xx."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import BEARER
from triggermap.kb.loader import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-case.json"


def cli_json(*args: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "triggermap", *args], capture_output=True, check=True
    )
    return done.stdout


def problem(response: object) -> dict[str, object]:
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    data: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert set(data) >= {"type", "title", "status", "detail"}
    assert data["status"] == response.status_code  # type: ignore[attr-defined]
    return data


def test_one_case_gives_the_bytes_the_cli_prints(api_sqlite: TestClient) -> None:
    response = api_sqlite.post("/api/v1/assess", headers=BEARER, content=DEMO.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.content == cli_json("assess", "--input", str(DEMO), "--format", "json")


def test_a_list_gives_a_list_in_order_as_the_cli_does(
    api_sqlite: TestClient, vignettes: list[dict[str, object]], tmp_path: Path
) -> None:
    cases = [v["case"] for v in vignettes[:12]]
    batch = tmp_path / "batch.json"
    batch.write_text(json.dumps(cases), encoding="utf-8")
    response = api_sqlite.post("/api/v1/assess", headers=BEARER, content=batch.read_bytes())
    assert response.status_code == 200
    assert response.content == cli_json("assess", "--input", str(batch), "--format", "json")
    levels = [a["triage"]["level"] for a in response.json()]
    assert len(levels) == 12


def test_a_bad_case_is_422_naming_the_field_and_value(api_sqlite: TestClient) -> None:
    case = json.loads(DEMO.read_text())
    case["pain"]["intensity"] = 11
    response = api_sqlite.post("/api/v1/assess", headers=BEARER, json=case)
    assert response.status_code == 422
    data = problem(response)
    assert data["field"] == "pain.intensity"
    assert "11" in str(data["detail"])


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b'{"symptoms": ["saddle_anaesthesia"], "symptoms": []}', "appears twice"),
        (b'{"age": NaN}', "NaN"),
        (b'{"age": 52', "not valid JSON"),
        (b"\xff\xfe", "UTF-8"),
        (b"", "empty"),
        (b"[" * 100 + b"]" * 100, "nested"),
        (b'{"age": 1' + b"0" * 400 + b"}", "too large"),
    ],
)
def test_hostile_json_is_refused_by_strict_json(
    api_sqlite: TestClient, body: bytes, words: str
) -> None:
    response = api_sqlite.post("/api/v1/assess", headers=BEARER, content=body)
    assert response.status_code == 422
    assert words in str(problem(response)["detail"])


def test_a_body_that_is_not_json_by_its_type_is_refused(api_sqlite: TestClient) -> None:
    response = api_sqlite.post(
        "/api/v1/assess",
        headers={**BEARER, "Content-Type": "text/plain"},
        content=DEMO.read_bytes(),
    )
    assert response.status_code == 415  # Unsupported Media Type: the type, not the body, is wrong
    assert problem(response)["field"] == "content-type"
    assert problem(response)["title"] == "Unsupported Media Type"


def test_no_token_is_a_401_problem(api_sqlite: TestClient) -> None:
    response = api_sqlite.post("/api/v1/assess", content=DEMO.read_bytes())
    assert response.status_code == 401
    assert "access" in str(problem(response)["detail"])


def test_a_body_over_the_limit_is_413(api_sqlite: TestClient) -> None:
    def chunks() -> object:
        for _ in range(40):
            yield b" " * 50_000

    response = api_sqlite.post("/api/v1/assess", headers=BEARER, content=chunks())
    assert response.status_code == 413


def test_plan_gives_the_json_the_cli_prints(api_sqlite: TestClient) -> None:
    response = api_sqlite.post(
        "/api/v1/plan?date=2026-01-15", headers=BEARER, content=DEMO.read_bytes()
    )
    assert response.status_code == 200
    expected = cli_json("plan", "--input", str(DEMO), "--format", "json", "--date", "2026-01-15")
    assert response.content == expected


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("15-01-2026", "'15-01-2026' is not a date (YYYY-MM-DD)"),
        ("2026-02-30", "'2026-02-30' is not a date"),
        ("2999-01-01", "2999-01-01 is in the future"),
        ("1899-12-31", "1899-12-31 is before 1900-01-01"),
    ],
)
def test_plan_with_a_bad_date_is_422_naming_it(
    api_sqlite: TestClient, day: str, words: str
) -> None:
    response = api_sqlite.post(
        f"/api/v1/plan?date={day}", headers=BEARER, content=DEMO.read_bytes()
    )
    assert response.status_code == 422
    data = problem(response)
    assert data["field"] == "date" and words in str(data["detail"]), data


def test_the_openapi_document_is_3_1_with_every_operation(
    api_sqlite: TestClient, kb: KnowledgeBase
) -> None:
    document = api_sqlite.get("/api/v1/openapi.json", headers=BEARER).json()
    assert document["openapi"].startswith("3.1")
    operations = {(m.upper(), p) for p, item in document["paths"].items() for m in item}
    person = "/people/{person}"
    assert operations == {
        ("POST", "/assess"),
        ("POST", "/plan"),
        ("GET", "/people"),
        ("POST", "/people"),
        ("GET", person),
        ("DELETE", person),
        ("POST", f"{person}/assessments"),
        ("POST", f"{person}/plans"),
        ("GET", f"{person}/diary"),
        ("POST", f"{person}/diary"),
        ("PATCH", f"{person}/diary/{{entry_id}}"),
        ("DELETE", f"{person}/diary/{{entry_id}}"),
        ("GET", f"{person}/peg"),
        ("POST", f"{person}/peg"),
        ("PATCH", f"{person}/peg/{{score_id}}"),
        ("DELETE", f"{person}/peg/{{score_id}}"),
        ("GET", f"{person}/progress"),
        ("GET", f"{person}/export"),
        ("POST", "/import"),
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for code, answer in operation["responses"].items():
                if int(code) >= 400:
                    assert "application/problem+json" in answer["content"], (method, path, code)
    text = json.dumps(document)
    assert "HTTPValidationError" not in text and "#/$defs/" not in text
    regions = document["components"]["schemas"]["Case"]["properties"]["pain"]
    assert set(kb.regions) <= set(json.dumps(regions).replace('"', " ").split())


def test_the_interactive_docs_are_served_from_the_package(api_sqlite: TestClient) -> None:
    page = api_sqlite.get("/api/v1/docs", headers=BEARER)
    assert page.status_code == 200 and "swagger-ui-bundle.js" in page.text
    assert "https://" not in page.text  # nothing fetched from another site
    script = api_sqlite.get("/api/v1/docs/assets/swagger-ui-bundle.js", headers=BEARER)
    assert script.status_code == 200 and len(script.content) > 100_000
