/**
 * Prometheus metrics for admins: transfer counts, bytes and timings, sessions, logins, XMPP reconnects and the
 * JVM basics, kept in one Micrometer registry and served as text by a small listener on {@code metrics.bind}.
 * Labels are bounded enums only (direction, outcome, reason): never a JID, UIN, file name or URL.
 */
package org.oscartransport.gateway.metrics;
