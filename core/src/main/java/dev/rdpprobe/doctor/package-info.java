/**
 * The doctor: runs the probes that confirm or rule out the causes of how a connection ended, and
 * gives a verdict a Windows administrator can act on.
 *
 * <pre>{@code
 * try (RdpProbe probe = RdpProbe.create()) {
 *   DoctorReport r = Doctor.create(probe).examine(DoctorSpec.builder("rdp.example.com").build()).join();
 *   r.verdict().clientCode().summary();      // error code 0x904, extended error code 0x7
 *   r.verdict().firstConfirmed();            // the problem to fix first, with advice
 *   r.followUps().forEach(System.out::println);   // 3. offer HYBRID only -> selected HYBRID [...]
 *   r.verdict().text();                      // one paragraph
 * }
 * }</pre>
 *
 * <h2>What runs</h2>
 *
 * <ol>
 *   <li>The host is resolved once ({@link dev.rdpprobe.doctor.Doctor.Resolver}, off the event
 *       loop); the <b>baseline</b> runs with the user's settings on the first address.
 *   <li>The baseline again on <b>every other address</b>: a name whose addresses end differently
 *       (IPv4 against IPv6, a stale A record) is a finding of its own.
 *   <li>Each <b>security protocol alone</b> (RDP, SSL, HYBRID, HYBRID_EX, RDSTLS), stopping after
 *       the X.224 negotiation, on an address that took a TCP connection: which layers the server
 *       accepts, and whether a refusal depends on the offer at all.
 *   <li>Whenever the server selected TLS or refused the handshake: each <b>TLS version alone</b>
 *       and each {@link dev.rdpprobe.doctor.CipherFamily} alone (ECDHE with AES-GCM, ECDHE with
 *       AES-CBC, RSA key exchange), side by side, to find what the server takes and which clients
 *       it refuses even when the baseline's own offer goes through.
 *   <li>When the TLS handshake stalled: the step again with a <b>small and a full-size first
 *       flight</b>, to tell a path that loses large packets from a server that stops answering.
 *   <li>When the baseline got through the channel joins over TLS: the <b>UDP multitransport
 *       probe</b>, which advertises UDP and, when the server asks for it, sends one RDP-UDP SYN to
 *       the server's UDP port, to learn whether UDP gets through.
 * </ol>
 *
 * <p>The follow-ups run side by side, each as soon as its inputs are known. At most {@link
 * dev.rdpprobe.doctor.DoctorSpec#maxConcurrentConnections()} connections are open at once, their
 * starts are at least {@link dev.rdpprobe.doctor.DoctorSpec#delayBetweenConnections()} apart,
 * nothing starts after {@link dev.rdpprobe.doctor.DoctorSpec#deadline()}, and each probe's deadline
 * is cut to what is left. A follow-up the server turned away while another connection was open is
 * run again alone.
 *
 * <h2>The verdict</h2>
 *
 * <p>{@link dev.rdpprobe.doctor.Verdict} holds the baseline's Windows-client codes and {@link
 * dev.rdpprobe.doctor.Finding}s, each {@code CONFIRMED}, {@code RULED_OUT}, {@code UNCONFIRMED},
 * {@code NOT_TESTED} or {@code OBSERVED}, with the follow-ups it rests on and advice. The weighing
 * is a pure function of the results: the same results give the same verdict. Each family of causes
 * (the TCP connect, the listener, the negotiation, TLS versions, cipher suites, ...) has its own
 * confirmation class, as each has its own rule in the diagnosis, and a confirmed finding's advice
 * is a {@link dev.rdpprobe.diagnose.Remedy} of the cause catalogue the diagnosis reads too.
 */
package dev.rdpprobe.doctor;
