/**
 * What a server sends in the user data of its Send Data Indications once the Client Info PDU is
 * out: licensing, multitransport, the Share Control PDUs, and the PDUs named only by their security
 * flags. {@link dev.rdpprobe.wire.slowpath.ServerSlowPath} tells them apart.
 */
package dev.rdpprobe.wire.slowpath;
