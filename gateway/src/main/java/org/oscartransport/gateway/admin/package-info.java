/**
 * What a server admin runs and reads: the {@code check-config} command ({@link
 * org.oscartransport.gateway.admin.CheckConfigCommand}) that walks through every connection the transport will
 * make, and the per-transfer log line ({@link org.oscartransport.gateway.admin.TransferLog}).
 */
package org.oscartransport.gateway.admin;
