package dev.rdpprobe.capture;

import dev.rdpprobe.trace.Direction;

/**
 * Bytes of one direction of a TCP stream the capture does not hold: lost by the capturing host, cut
 * by its snapshot length, or sent before the capture began. Recorded as a note's value.
 *
 * @param direction whose bytes are missing
 * @param offset where they start in that direction's stream
 * @param missing how many
 * @param packet the number of the packet at which the capture told they were missing, or 0 at its
 *     end
 */
public record CaptureGap(Direction direction, long offset, long missing, long packet) {}
