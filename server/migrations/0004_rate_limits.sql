-- Sign-in and sign-up rate limits, shared by every server instance over
-- one database (an attacker spreading guesses over several instances still
-- meets one limit). One row per limited thing: `bucket` is `email:` or
-- `ip:` followed by a SHA-256 hex digest, so neither addresses nor emails
-- are kept here. `tat` is the GCRA "theoretical arrival time" in Unix
-- milliseconds: a row whose `tat` has passed is as good as no row, and is
-- swept out now and then.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);
