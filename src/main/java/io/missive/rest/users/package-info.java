/** User accounts for back ends and administrators: create, look up, disable, set the role or the password. */
package io.missive.rest.users;
