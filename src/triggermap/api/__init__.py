"""The REST API under `/api/v1` (`app.build_api`), and the FHIR reads under `/fhir` (`fhir`),
both mounted by the web app (`web.interop`) behind its access token; see docs/adr/0009-api.md.

    app        the API app, its OpenAPI 3.1 document (`/api/v1/openapi.json`) and docs page
    deps       the application, the limits, a write run once per Idempotency-Key
    body       the body read whole through strict_json; fields checked by type
    problems   errors as `application/problem+json` (RFC 9457); never a traceback
    schemas    the OpenAPI schemas; docs: how each route documents its body and answers
    routes/    assess and plan; people; diary and PEG; progress, export and import
    fhir       GET /fhir/Patient/{id}/$everything, the intake Questionnaire, body regions
"""
