"""regimelab in the classroom: a local web app with a regime sandbox and live play.

One job per module:

- :mod:`.live_match`: one match played a round at a time, a student on one side (model page §3);
- :mod:`.schema` and :mod:`.store`: the SQLite database (SQLAlchemy Core) and its queries;
- :mod:`.validation`: every value a request brings, checked before anything changes;
- :mod:`.play`: joining, moving, and what a student may see;
- :mod:`.comparison`: what classic strategies would have scored in a student's place;
- :mod:`.dashboard`: the teacher's live view;
- :mod:`.export`: the session as a pairs table and a move log (CSV, Parquet);
- :mod:`.sandbox`: the projector page's numbers, from the engines;
- :mod:`.events`: server-sent events;
- :mod:`.app`: the Starlette application; :mod:`.server`: running it under uvicorn.

The web parts need the ``classroom`` extra (``pip install 'regimelab[classroom]'``);
docs/classroom.md is the teacher's guide.
"""
