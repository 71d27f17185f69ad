-- The reserved system user: the sender of publishes made without a login on a trusted TCP
-- listener (server-to-server calls, seed 002 section 4). Its uid lies below the range
-- users_uid_seq hands out (from 1000). It has no password, so nobody can log in as it: the
-- database authenticator denies every account without a password hash.
INSERT INTO users (uid, username, password_hash, role) VALUES (1, 'system', NULL, 'system');
