/**
 * Explains how a connection ended: a pure function from a finished {@link dev.rdpprobe.trace.Trace}
 * to a {@link dev.rdpprobe.diagnose.Diagnosis}. It depends on {@code trace} and {@code wire} only,
 * reads no clock and no network, so a live probe, a captured handshake and a replay get the same
 * explanation.
 *
 * <pre>{@code
 * Diagnosis d = Diagnoser.diagnose(result.trace());
 * d.clientCode().summary();   // "error code 0x904, extended error code 0x7"
 * d.topCause().map(Cause::title);   // "The RDP listener refuses the connection"
 * d.verdict();   // one paragraph for a person
 * }</pre>
 *
 * <h2>The parts</h2>
 *
 * <ul>
 *   <li>{@link dev.rdpprobe.diagnose.WindowsClientCodes}: the Windows-client code model in one
 *       place: the tables of {@link dev.rdpprobe.diagnose.DisconnectReason} and {@link
 *       dev.rdpprobe.diagnose.ExtendedReason} with the source of each row, and the mapping from the
 *       ending of a trace to a {@link dev.rdpprobe.diagnose.ClientCode}. The ERRINFO codes are
 *       {@link dev.rdpprobe.wire.share.ErrorInfo}.
 *   <li>{@link dev.rdpprobe.diagnose.Diagnoser}: runs the cause rules and writes the verdict;
 *       {@link dev.rdpprobe.diagnose.DiagnoserOptions} says what it assumes (FIPS, the silence of
 *       an idle reset, the size of a large flight).
 *   <li>{@link dev.rdpprobe.diagnose.Cause}: one likely reason ({@link
 *       dev.rdpprobe.diagnose.CauseId}), how well it fits ({@link
 *       dev.rdpprobe.diagnose.Confidence}), why, the {@link dev.rdpprobe.diagnose.Evidence} (trace
 *       events by index, each with a line) and advice for an administrator.
 *   <li>The cause catalogue: {@link dev.rdpprobe.diagnose.CauseId} names each cause and its title,
 *       {@link dev.rdpprobe.diagnose.Remedy} holds its advice, one remedy per situation, written
 *       once; the rules and the doctor both take their advice from it.
 * </ul>
 *
 * <h2>Adding a cause</h2>
 *
 * <p>A cause is a value of {@code CauseId}, at least one {@code Remedy} of it, a rule (a small
 * class implementing the package's {@code Rule}: it reads a {@code TraceView}, whose lookups return
 * each event with its index so the evidence can cite it, and returns its causes or none) added to
 * {@code Diagnoser.STANDARD_RULES}, and a test on a synthetic trace built with the tests' {@code
 * TraceBuilder}, plus a test against the emulator where it can play the fault. Rules do not know
 * each other; a fact several of them weigh (a long silence, a large unanswered flight) belongs in
 * {@code TraceView}. The ranking (confidence, then rule order, one cause per id) is the
 * diagnoser's.
 *
 * <p>Rules match on the decoded records a trace carries ({@code wire} types: TSRequests, License
 * PDUs, Initiate Multitransport Requests, RDP-UDP datagrams, ...) and on three interfaces that let
 * the code mapping read a server's verdict whatever record carries it: {@link
 * dev.rdpprobe.wire.share.CarriesErrorInfo} (Set Error Info PDU), {@link
 * dev.rdpprobe.wire.mcs.CarriesUltimatumReason} (Disconnect Provider Ultimatum) and {@link
 * dev.rdpprobe.wire.credssp.CarriesNtStatus} (a TSRequest's errorCode). Certificate causes read the
 * {@link dev.rdpprobe.trace.TraceEvent.Tls} event of the server's Certificate; per-address causes
 * the {@link dev.rdpprobe.trace.TraceEvent.Resolved} event's address list.
 */
package dev.rdpprobe.diagnose;
