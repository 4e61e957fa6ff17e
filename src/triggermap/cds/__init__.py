"""CDS Hooks 2.0 service: triggermap inside an electronic health record (standards.md §3).

`build_router(settings)` gives a FastAPI `APIRouter` the web app mounts; `create_app(settings)`
(`cds.app`) is a small app of its own for tests and benches.

    settings    CdsSettings: public URL, trusted issuers and their keys, CORS origins
    discovery   the service description and its prefetch templates
    hook        the request of a hook call, parsed and checked
    prefetch    what the client sent, or fetched from its FHIR server when missing (412 else)
    records     the patient's FHIR resources -> a Case
    cards       an Assessment -> cards (summary, indicator, source, detail, links)
    auth        JWT bearer verification (iss allowlist, aud, exp, jti replay)
    feedback    the feedback endpoint's body, parsed and kept
    router      the routes, CORS and problem responses
"""
