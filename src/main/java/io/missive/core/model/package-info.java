/** What the core talks about: message ids, drafts, stored messages and their targets. */
package io.missive.core.model;
