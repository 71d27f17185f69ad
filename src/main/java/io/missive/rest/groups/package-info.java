/** Groups and their members for back ends and administrators, readable by members; a user's group list (seed 003). */
package io.missive.rest.groups;
