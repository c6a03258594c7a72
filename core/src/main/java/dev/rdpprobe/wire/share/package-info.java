/**
 * Share-layer PDUs and codes (MS-RDPBCGR 2.2.5 onwards): the Set Error Info codes that say why a
 * server ends a connection.
 */
package dev.rdpprobe.wire.share;
