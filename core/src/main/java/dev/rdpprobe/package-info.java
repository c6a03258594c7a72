/** The public API of rdp-probe: {@code RdpProbe}, {@code ProbeSpec}, {@code ProbeResult}. */
package dev.rdpprobe;
