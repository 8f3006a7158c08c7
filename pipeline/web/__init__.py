"""The reviewers' web pages (``cehours serve``): ``create_app(db_url) -> FastAPI``.

Modules: ``app`` (factory, middleware, error pages), ``sessions`` (server-side sessions and
the cookie), ``auth`` (who is signed in, roles, sign-in rate limit), ``csrf``, ``queries``
(the read queries of the pages), ``render`` (page images of the scans), ``jobs`` (uploaded
batches processed in the background), ``downloads`` (recognition sheet and workbook),
``labels`` (Chinese names of the contract's codes), ``charts`` (inline SVG), ``demo`` (a small
drawn batch for tests and a first look), ``flag_sentences`` and ``problem_text`` (what a
reviewer reads, in Chinese), ``routes/`` (one module per page).

Security in one paragraph: every route but the sign-in page and ``/static`` needs a signed-in
user (admins alone manage users); sessions live on the server (``web_sessions``; the signed
HttpOnly SameSite=Lax cookie holds only a random token), end on sign-out, on a password, role
or account change, after 30 idle minutes and after 12 hours, and are re-checked with the user
row on every request; every POST carries the session's
CSRF token; scans are served by SHA-256 looked up in the database and re-hashed before they
are shown, so no request path reaches the filesystem.
"""
