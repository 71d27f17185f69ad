-- The accounts the user centre vouches for (issue 17): a uid it answers gets a users row only if no
-- local account or device has that uid already, and is marked here. A uid without this mark is a
-- local account, a device or the system user, which the user centre can never take over.
CREATE TABLE user_centre_accounts (
    uid BIGINT PRIMARY KEY REFERENCES users (uid) ON DELETE CASCADE
);

-- Rows the user centre made before this mark existed: no password (local accounts have one), not a
-- device, not the system user.
INSERT INTO user_centre_accounts (uid)
SELECT u.uid FROM users u
WHERE u.password_hash IS NULL AND u.uid <> 1 AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.uid = u.uid);
