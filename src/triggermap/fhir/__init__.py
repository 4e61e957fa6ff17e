"""FHIR R4 adapter: the core's values as FHIR resources and back (standards.md §1).

Pure mapping over plain JSON dicts (the R4 wire format); the core never imports this package.
`fhir.resources` (its R4B models, R4-compatible) and `fhirpathpy` are imported only by
`fhir.validate`, so building resources costs no library import.

    terminology   systems, codings from the knowledge base, deterministic ids, references
    patient       Patient (pseudonymous)
    observations  pain ratings (LOINC 72514-3) and PEG items and score
    questionnaire the intake Questionnaire and the CodeSystems its answers use
    response      Case <-> QuestionnaireResponse, both ways
    conditions    Condition for the leading differential entries
    careplan      CarePlan, ServiceRequest (exercises, referrals, imaging advice)
    provenance    Device and Provenance naming the knowledge version
    bundle        a collection Bundle of one assessed case
    validate      R4B model parsing plus the FHIRPath invariants of each resource
"""
