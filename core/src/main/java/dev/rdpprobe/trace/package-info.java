/**
 * The one record of a connection: a {@link dev.rdpprobe.trace.Trace} with its {@link
 * dev.rdpprobe.trace.TraceHeader} (origin, wall-clock start, endpoints) and its ordered {@link
 * dev.rdpprobe.trace.TraceEvent}s, ending with how the connection closed. Events speak of client
 * and server, never of "us", so the same type serves a probe, the emulator, a capture and a replay.
 * {@link dev.rdpprobe.trace.TraceWriter} is how every source writes one.
 *
 * <p>API. Depends on nothing else in the project.
 */
package dev.rdpprobe.trace;
