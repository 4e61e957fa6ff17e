"""The application layer: every use case, the same for every front end (CLI, web app, API).

Build the collaborators once with `application.build_application(db_url=..., clock=..., tz=...)`
and pass the `Application` first to any use case; the rest are keywords. A person is named by
id or label (`person=`). Errors are `triggermap.errors` (InputError: 422 on the web, exit 2;
NotFoundError: 404, exit 2); red flags are results, never errors. Values come in as typed (text
from a command line or a form) and are checked here or in the core, by `input_checks`.

    assess.py     read_cases, read_case_batch (a list checked whole, then streamed),
                  parse_one_case, assess_cases (each result as it is ready), assess_and_save
                  (one transaction: what it saved, the red flags it cleared or left open, the
                  person's triage)
    intake.py     Intake: the questions from the knowledge base, one at a time (warning signs
                  first; answer() says when an emergency stops it), read_answer for typed text
    plan.py       read_one_case, plan_for_case, plan_for_person (their latest saved case by
                  default; never below their records' triage; with their progress), plan_day
                  (--date, the one date rule), signed_handout (--clinician, --note), save_plan
    session.py    routine_of, routine_minutes, routine_has_sides, save_session
    diary.py      add/list/edit/delete_diary_entry (a red flag triages at once),
                  add/list/edit/delete PEG (add_peg, list_peg, edit_peg, delete_peg)
    progress.py   progress_report (the person's triage first), judge_progress (pure)
    people.py     add_person (a label of their own), list_people, show_person, find_person,
                  delete_person (erase everything)
    transfer.py   export_person (JSON text), import_person (all or nothing)
    knowledge.py  format_schema (case, assessment, plan), list_entries, entry_json, search, ...
    ports.py      the Protocols: Clock, RecordStore, Records
"""
