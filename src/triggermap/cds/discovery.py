"""The discovery document: one service on the patient-view hook, with its prefetch templates.

The templates ask for what the service reads: the Patient (age, sex), the pain ratings (LOINC
72514-3, newest first), the Conditions already recorded, and the latest response to the
triggermap intake. A client may leave any key out; `prefetch` then fetches it, or answers 412.
"""

from __future__ import annotations

from typing import Any

from triggermap.fhir.questionnaire import INTAKE_URL

SERVICE_ID = "triggermap-patient-view"
HOOK = "patient-view"
PREFETCH: dict[str, str] = {
    "patient": "Patient/{{context.patientId}}",
    "painRatings": "Observation?patient={{context.patientId}}&code=http://loinc.org|72514-3"
    "&_sort=-date&_count=20",
    "conditions": "Condition?patient={{context.patientId}}",
    "intake": f"QuestionnaireResponse?subject=Patient/{{{{context.patientId}}}}"
    f"&questionnaire={INTAKE_URL}&_sort=-authored&_count=1",
}
NEEDED = ("patient", "intake")  # without these no case can be built: 412 when unobtainable


def discovery_document() -> dict[str, Any]:
    return {
        "services": [
            {
                "hook": HOOK,
                "id": SERVICE_ID,
                "title": "triggermap: buttock pain triage and differential",
                "description": (
                    "Red-flag triage first, then the leading causes of the patient's buttock "
                    "pain with likelihood ratios and sources, from the triggermap intake and "
                    "pain ratings. Decision support, not a diagnosis."
                ),
                "prefetch": PREFETCH,
            }
        ]
    }
