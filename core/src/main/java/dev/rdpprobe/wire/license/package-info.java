/**
 * Licensing PDUs (MS-RDPBCGR 2.2.1.12, MS-RDPELE): the preamble every licensing message starts
 * with, the License Error Message by which a server says "valid client" (or why licensing failed),
 * the server's License Request (kept as sent, its fields decoded on demand) and the client's New
 * License Request that answers it, and the server's Platform Challenge, named and kept raw because
 * the probe does not answer it. Each travels after a Basic Security Header with SEC_LICENSE_PKT, in
 * a Send Data Indication (or Request) on the I/O channel; {@link
 * dev.rdpprobe.wire.license.LicensePdu} reads that whole unit and dispatches on bMsgType.
 */
package dev.rdpprobe.wire.license;
