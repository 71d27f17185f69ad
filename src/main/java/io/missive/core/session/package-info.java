/**
 * Live sessions: one {@link io.missive.core.session.ClientSession} per connected client, its
 * in-order mailbox, its in-flight pushes with their resends, and the registry of sessions per
 * user with the duplicate-login policy.
 */
package io.missive.core.session;
