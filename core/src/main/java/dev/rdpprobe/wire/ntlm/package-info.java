/**
 * NTLM messages (MS-NLMP 2.2): NEGOTIATE, CHALLENGE and AUTHENTICATE, their flags, the VERSION
 * structure, AV_PAIR lists and the NTLMv2 response. Codecs only: the keys, responses, MIC and
 * sealing are in {@link dev.rdpprobe.ntlm}, which depends on this package and never the other way
 * round.
 */
package dev.rdpprobe.wire.ntlm;
