-- Session 5. Google's per-project quota (10,000 calls per sliding minute of the whole deployment) as one GCRA budget
-- shared by every user and every node, next to the per-user rows of google_rate_budget: the theoretical arrival time of
-- the project's next call in microseconds since the Unix epoch. project is the OAuth client id (Google's quota holder).
-- Every HTTP request to Google reserves on its user's row and on this row together (one statement on PostgreSQL).
CREATE TABLE google_project_rate_budget (
    project    TEXT   NOT NULL PRIMARY KEY,
    tat_micros INTEGER NOT NULL
);
