"""People, diary, PEG, progress, export and import over the API, on SQLite and PostgreSQL: the
same use cases as the CLI, so the same records and the same one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import BEARER

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-case.json"


def add_person(api: TestClient, label: str = "P-014") -> dict[str, Any]:
    response = api.post(
        "/api/v1/people", headers=BEARER, json={"label": label, "birth_year": 1970, "sex": "female"}
    )
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    assert response.headers["location"] == f"/api/v1/people/{data['id']}"
    return data


def test_people_are_added_listed_shown_and_erased(api: TestClient) -> None:
    first = add_person(api, "P-014")
    add_person(api, "P-015")
    listed = api.get("/api/v1/people", headers=BEARER).json()
    assert [p["label"] for p in listed] == ["P-014", "P-015"]
    shown = api.get("/api/v1/people/P-014", headers=BEARER).json()
    assert shown["id"] == first["id"] and shown["records"]["diary_entries"] == 0
    erased = api.delete(f"/api/v1/people/{first['id']}", headers=BEARER)
    assert erased.status_code == 200 and erased.json()["label"] == "P-014"
    gone = api.get("/api/v1/people/P-014", headers=BEARER)
    assert gone.status_code == 404 and "P-014" in gone.json()["detail"]


def test_a_label_in_use_and_a_bad_birth_year_are_422(api: TestClient) -> None:
    add_person(api)
    taken = api.post("/api/v1/people", headers=BEARER, json={"label": "P-014"})
    assert taken.status_code == 422 and taken.json()["field"] == "label"
    year = api.post("/api/v1/people", headers=BEARER, json={"label": "X", "birth_year": 1800})
    assert year.status_code == 422 and "1800" in year.json()["detail"]
    unknown = api.post("/api/v1/people", headers=BEARER, json={"label": "Y", "name": "Ann"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "name"
    assert [p["label"] for p in api.get("/api/v1/people", headers=BEARER).json()] == ["P-014"]


def test_diary_entries_are_added_listed_changed_and_deleted(api: TestClient) -> None:
    add_person(api)
    entry = {
        "pain": 6,
        "day": "2026-01-10",
        "regions": ["upper_buttock", "lower_buttock"],
        "symptoms": ["worse_sitting"],
        "note": "after a long drive",
        "self_care": True,
    }
    added = api.post("/api/v1/people/P-014/diary", headers=BEARER, json=entry)
    assert added.status_code == 201, added.text
    saved = added.json()["entry"]
    assert {k: saved[k] for k in entry} == entry and added.json()["triage"] is None
    changed = api.patch(
        f"/api/v1/people/P-014/diary/{saved['id']}", headers=BEARER, json={"pain": 3}
    )
    assert changed.status_code == 200
    assert changed.json()["entry"]["pain"] == 3
    assert changed.json()["entry"]["note"] == "after a long drive"
    cleared = api.patch(  # null clears, as JSON merge patch means it
        f"/api/v1/people/P-014/diary/{saved['id']}", headers=BEARER, json={"note": None}
    )
    assert cleared.status_code == 200 and cleared.json()["entry"]["note"] is None
    listed = api.get("/api/v1/people/P-014/diary", headers=BEARER).json()
    assert [(e["id"], e["pain"]) for e in listed] == [(saved["id"], 3)]
    deleted = api.delete(f"/api/v1/people/P-014/diary/{saved['id']}", headers=BEARER)
    assert deleted.status_code == 204 and deleted.content == b""
    assert api.get("/api/v1/people/P-014/diary", headers=BEARER).json() == []


def test_a_red_flag_in_the_diary_triages_at_once(api: TestClient) -> None:
    add_person(api)
    response = api.post(
        "/api/v1/people/P-014/diary",
        headers=BEARER,
        json={"pain": 8, "symptoms": ["saddle_anaesthesia"]},
    )
    assert response.status_code == 201
    assert response.json()["triage"]["assessment"]["triage"]["level"] == "emergency"


def test_bad_diary_input_names_the_field_and_writes_nothing(api: TestClient) -> None:
    add_person(api)
    bad = [
        ({"pain": 11}, "pain"),
        ({"pain": "6"}, "pain"),
        ({"pain": 5, "regions": "upper_buttock"}, "regions"),
        ({"pain": 5, "regions": ["elbow"]}, "regions"),
        ({"pain": 5, "day": "2999-01-01"}, "day"),
        ({"pain": 5, "self_care": "yes"}, "self_care"),
        ({"regions": []}, "pain"),
    ]
    for body, field in bad:
        response = api.post("/api/v1/people/P-014/diary", headers=BEARER, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["field"].startswith(field), (body, response.json())
    assert api.get("/api/v1/people/P-014/diary", headers=BEARER).json() == []


def test_an_entry_of_someone_else_is_not_found_and_not_named(api: TestClient) -> None:
    add_person(api, "P-014")
    add_person(api, "P-015")
    added = api.post("/api/v1/people/P-014/diary", headers=BEARER, json={"pain": 4}).json()
    entry = added["entry"]["id"]
    for response in (
        api.patch(f"/api/v1/people/P-015/diary/{entry}", headers=BEARER, json={"pain": 1}),
        api.delete(f"/api/v1/people/P-015/diary/{entry}", headers=BEARER),
    ):
        assert response.status_code == 404
        assert "P-015" in response.json()["detail"] and "P-014" not in response.json()["detail"]
    assert api.get("/api/v1/people/P-014/diary", headers=BEARER).json()[0]["pain"] == 4


def test_peg_scores_are_added_changed_and_deleted(api: TestClient) -> None:
    add_person(api)
    added = api.post(
        "/api/v1/people/P-014/peg",
        headers=BEARER,
        json={"pain": 6, "enjoyment": 4, "activity": 5, "day": "2026-01-10"},
    )
    assert added.status_code == 201
    score = added.json()
    assert score["score"] == 5.0
    changed = api.patch(f"/api/v1/people/P-014/peg/{score['id']}", headers=BEARER, json={"pain": 3})
    assert changed.json()["score"] == 4.0 and changed.json()["enjoyment"] == 4
    assert api.delete(f"/api/v1/people/P-014/peg/{score['id']}", headers=BEARER).status_code == 204
    assert api.get("/api/v1/people/P-014/peg", headers=BEARER).json() == []


def test_progress_is_the_report_progress_json_prints(api: TestClient, db_url: str) -> None:
    from triggermap.services.application import build_application
    from triggermap.services.progress import progress_report

    add_person(api)
    for day, pain in (("2026-01-01", 7), ("2026-01-20", 4)):
        api.post("/api/v1/people/P-014/diary", headers=BEARER, json={"pain": pain, "day": day})
    response = api.get("/api/v1/people/P-014/progress?as_of=2026-01-25", headers=BEARER)
    assert response.status_code == 200
    app = build_application(db_url=db_url)
    expected = progress_report(app, person="P-014", as_of="2026-01-25").to_json()
    assert response.json() == json.loads(json.dumps(expected))
    bad = api.get("/api/v1/people/P-014/progress?as_of=soon", headers=BEARER)
    assert bad.status_code == 422
    assert bad.json()["field"] == "as_of" and "'soon'" in bad.json()["detail"]


def test_saved_assessments_and_plans_for_a_person(api: TestClient) -> None:
    add_person(api)
    saved = api.post("/api/v1/people/P-014/assessments", headers=BEARER, content=DEMO.read_bytes())
    assert saved.status_code == 201, saved.text
    assert len(saved.json()["ids"]) == 1
    assert saved.json()["assessments"][0]["id"] == "demo-1"
    plan = api.post("/api/v1/people/P-014/plans", headers=BEARER, content=b"")
    assert plan.status_code == 201, plan.text
    assert plan.json()["version"] == 1
    again = api.post("/api/v1/people/P-014/plans", headers=BEARER, content=b"")
    assert again.json()["version"] == 2
    shown = api.get("/api/v1/people/P-014", headers=BEARER).json()
    assert shown["records"]["assessments"] == 1 and shown["latest_plan"]["version"] == 2


def test_export_json_imports_back_exactly(api: TestClient) -> None:
    add_person(api)
    api.post("/api/v1/people/P-014/diary", headers=BEARER, json={"pain": 5, "note": "hi"})
    exported = api.get("/api/v1/people/P-014/export", headers=BEARER)
    assert exported.status_code == 200
    api.delete("/api/v1/people/P-014", headers=BEARER)
    imported = api.post("/api/v1/import", headers=BEARER, content=exported.content)
    assert imported.status_code == 201, imported.text
    again = api.get("/api/v1/people/P-014/export", headers=BEARER)
    assert again.content == exported.content


def test_the_session_cookie_reads_but_does_not_write(api: TestClient) -> None:
    from tests.api.conftest import TOKEN

    add_person(api)
    api.get(f"/?token={TOKEN}")  # the browser's way in: sets the session cookie
    assert api.get("/api/v1/people").status_code == 200
    refused = api.post("/api/v1/people/P-014/diary", json={"pain": 3})
    assert refused.status_code == 403 and refused.json()["field"] == "authorization"
    assert api.get("/api/v1/people/P-014/diary").json() == []
