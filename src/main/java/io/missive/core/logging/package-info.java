/** Log lines a peer can cause, kept to a rate. */
package io.missive.core.logging;
