/**
 * What a connection showed about the server, derived from its trace alone: {@link
 * dev.rdpprobe.facts.ServerFacts#of(dev.rdpprobe.trace.Trace)} folds the events into the
 * negotiation, TLS, CredSSP, MCS, channel, licensing, multitransport and activation facts. A live
 * probe, a capture and a replay with the same bytes give the same facts.
 *
 * <p>API. The records of this package are also the typed values steps attach to trace notes for
 * conclusions no PDU carries ({@link dev.rdpprobe.facts.CredentialCheck}, {@link
 * dev.rdpprobe.facts.UdpProbeOutcome}).
 */
package dev.rdpprobe.facts;
