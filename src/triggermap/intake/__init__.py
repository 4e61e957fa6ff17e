"""The intake: the questions that build a case, from the knowledge base, for any front end (pure).

questions.py   `intake_questions(kb, exam=...)`: warning signs first, then the pain, the
               person, other symptoms, history and (for a clinician) the examination
answers.py     `read_answer(question, text)` checks what a person typed or a form sent;
               `apply_answer(draft, question, answer, kb)` adds it to the draft and says
               whether to stop (an emergency answer stops the intake at once);
               `draft_case(draft, kb)` is the case so far
"""
